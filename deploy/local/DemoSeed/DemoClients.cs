using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Platform.DemoSeed;

/// <summary>One demo client as printed and as written to the clients file, with its secret as of this run.</summary>
public sealed record DemoClient(
    string ClientId, string DisplayName, string OrganisationType, Guid? OrganisationId, string OrganisationName,
    IReadOnlyList<string> Scopes, string ClientSecret, bool Created);

/// <summary>
/// Registers, through the identity service's admin API, one client for each kind of caller the demo shows: a township
/// (it registers in its own communities), a property company (it sees only the communities it serves) and a county
/// department. Each run ends with fresh secrets: a client that exists already gets a new one (the old one stops working).
/// </summary>
public sealed class DemoClients(IdentityClient identity, HttpClient anonymous)
{
    public const string TownshipClientId = "beishan-street-office";
    public const string CompanyClientId = "hubin-property";
    public const string DepartmentClientId = "county-development-reform";

    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private List<DemoClient> _clients = [];
    private CompanyCheck? _companyCheck;

    /// <summary>The communities the property company serves, those its own token lists (null: refused), and how many there are.</summary>
    private sealed record CompanyCheck(DemoClient Client, List<Community> Served, List<Community>? Seen, int All);

    public async Task EnsureAsync(SeedReport county, CancellationToken ct)
    {
        var township = county.Townships.Single(t => t.Code == DemoCounty.ClientTownshipCode);
        var company = county.Companies.Single(c => c.UnifiedSocialCreditCode == DemoCounty.ClientCompanyCreditCode);
        (RegisterClient Request, string OrganisationName)[] wanted =
        [
            (new(TownshipClientId, $"{township.Name}办事处 (township)", "township", township.Id, ["governance.read", "governance.write"]), township.Name),
            (new(CompanyClientId, $"{company.Name} (property company)", "property-company", company.Id,
                ["governance.read", "fees.read", "fees.write", "parking.read", "parking.write", "parking.gates"]), company.Name),
            (new(DepartmentClientId, "县发展和改革局 (development and reform)", "development-reform", null, ["fees.read", "fees.standards"]), "县发展和改革局"),
        ];

        _clients = [];
        foreach (var (request, organisationName) in wanted)
        {
            var ensured = await identity.EnsureClientAsync(request, ct);
            _clients.Add(new DemoClient(request.ClientId, ensured.Client.DisplayName, request.OrganisationType, request.OrganisationId,
                organisationName, ensured.Client.Scopes, ensured.Secret, ensured.Created));
        }

        // What the printed curl shows: the property company's own token lists only the communities it serves.
        var companyClient = _clients.Single(c => c.ClientId == CompanyClientId);
        var served = county.Communities.Where(c => c.PropertyCompanyId == company.Id).ToList();
        _companyCheck = new CompanyCheck(companyClient, served, await CommunitiesSeenByAsync(companyClient, ct), county.Communities.Count);
    }

    /// <summary>The clients and their secrets as JSON, readable by the owner only (deploy/local/smoke.sh reads it).</summary>
    public void WriteFile(string path, Uri gateway)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        File.Delete(temporary);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, create))
        {
            JsonSerializer.Serialize(stream, new { Gateway = gateway, Clients = _clients }, FileJson);
        }

        File.Move(temporary, full, overwrite: true);
        Console.WriteLine($"[demo] the demo clients and their secrets are in {full}");
    }

    public void Print(TextWriter output, Uri gateway)
    {
        output.WriteLine("[demo] demo clients (a new secret in every run; the previous one no longer works):");
        foreach (var client in _clients)
        {
            output.WriteLine($"[demo]   {client.ClientId,-26} {client.OrganisationType} {client.OrganisationName}" +
                             (client.OrganisationId is { } id ? $" ({id})" : "") + (client.Created ? ", registered now" : ", secret rotated"));
            output.WriteLine($"[demo]   {"",-26} scopes {string.Join(' ', client.Scopes)}");
            output.WriteLine($"[demo]   {"",-26} secret {client.ClientSecret}");
        }

        if (_companyCheck is not { } check)
        {
            return;
        }

        var root = gateway.ToString().TrimEnd('/');
        var company = check.Client;
        output.WriteLine($"[demo] {company.OrganisationName} sees only the communities it serves; with its own token:");
        output.WriteLine($"  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id={company.ClientId} -d client_secret={company.ClientSecret} {root}/connect/token | jq -r .access_token)");
        output.WriteLine($"  curl -s -H \"Authorization: Bearer $TOKEN\" {root}/api/governance/v1/communities | jq -r '.[].name'");
        if (check.Seen is { } seen && seen.Select(c => c.Id).Order().SequenceEqual(check.Served.Select(c => c.Id).Order()))
        {
            output.WriteLine($"[demo]   lists {string.Join(", ", seen.Select(c => c.Name))}: the {seen.Count} it serves of the {check.All} the administrator's token lists");
        }
        else
        {
            output.WriteLine($"[demo]   WARNING: it should list exactly {string.Join(", ", check.Served.Select(c => c.Name))}, but lists " +
                             (check.Seen is null ? "nothing (refused)" : string.Join(", ", check.Seen.Select(c => c.Name))));
        }
    }

    private async Task<List<Community>?> CommunitiesSeenByAsync(DemoClient client, CancellationToken ct)
    {
        var (token, _) = await AccessTokenSource.RequestAsync(anonymous, client.ClientId, client.ClientSecret, ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/governance/v1/communities");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await anonymous.SendAsync(request, ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<List<Community>>(ct) : null;
    }
}
