using System.Net;
using System.Net.Http.Json;
using System.Text;
using Platform.Governance.Api.Registry;
using Platform.TestKit;

namespace Platform.Governance.Tests;

public sealed class RegisterImportTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    private const string Header = "building,unit,exclusive_area,use,area_source,owner_kind,owner_name,owner_id_number,owner_phone,owned_since";
    private readonly RegistryClient _registry = new(governance.Client);

    private Task<long> Count(string table, string where = "true") => Sql.CountAsync(governance.Host.DatabaseConnectionString, table, where);

    /// <summary>A register of <paramref name="units"/> units in buildings of 100; every tenth unit is the developer's, one person owns two.</summary>
    private static string Register(int units, int firstPerson)
    {
        var developer = TestIdentities.CreditCode(firstPerson);
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < units; i++)
        {
            var building = 1 + i / 100;
            var area = (60 + i % 90 + (i % 7) * 0.25m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            var owner = i % 10 == 0
                ? $"developer,\"Riverside Development Co., Ltd.\",{developer},"
                : $"person,业主{i},{TestIdentities.ResidentId(firstPerson + (i == 1 ? 2 : i))},{TestIdentities.Phone(firstPerson + i)}";
            csv.Append($"{building},{building}-{i % 100 + 101},{area},residential,register,{owner},2020-06-01\n");
        }

        return csv.ToString();
    }

    private async Task<HttpResponseMessage> Import(Guid communityId, string csv, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/governance/v1/communities/{communityId}/imports")
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await governance.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_ten_thousand_unit_register_imports_and_importing_it_again_changes_nothing()
    {
        var community = await _registry.Community();
        var csv = Register(10_000, firstPerson: (int)((long)RegistryClient.Next() * 20_000 % 9_000_000));

        var first = await Import(community.Id, csv);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var result = (await first.Content.ReadFromJsonAsync<RegisterImportResult>(RegistryClient.Json))!;
        // 8,999 people (one owns two units) and the developer.
        Assert.Equal(new RegisterImportResult(10_000, 100, 10_000, 0, 9_000), result);
        Assert.Equal(10_000, await Count("units", $"community_id = '{community.Id}'"));
        Assert.Equal(20_000, await Count("outbox_messages", $"payload->>'communityId' = '{community.Id}' AND type <> 'Platform.Contracts.Events.CommunityRegistered'"));
        var rows = await Count("units") + await Count("owners") + await Count("ownerships") + await Count("buildings") + await Count("outbox_messages");

        var again = await Import(community.Id, csv);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(new RegisterImportResult(10_000, 0, 0, 10_000, 0), await again.Content.ReadFromJsonAsync<RegisterImportResult>(RegistryClient.Json));
        Assert.Equal(rows, await Count("units") + await Count("owners") + await Count("ownerships") + await Count("buildings") + await Count("outbox_messages"));
    }

    [Fact]
    public async Task A_file_with_one_bad_row_is_rejected_whole_naming_its_line()
    {
        var community = await _registry.Community();
        var lines = Register(50, firstPerson: 9_100_000 + RegistryClient.Next() % 1000 * 100).TrimEnd('\n').Split('\n');
        lines[37] = lines[37].Replace(",residential,", ",castle,");   // file line 38: the header is line 1

        var response = await Import(community.Id, string.Join('\n', lines));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(["line 38: use"], problem.Errors!.Keys);
        Assert.Equal(0, await Count("units", $"community_id = '{community.Id}'"));
        Assert.Equal(0, await Count("buildings", $"community_id = '{community.Id}'"));
    }

    [Fact]
    public async Task Every_bad_row_is_reported_with_its_line_and_column()
    {
        var community = await _registry.Community();
        var csv = Header + "\n" +
                  "1,1-101,89.50,residential,register,person,甲,360121195001010011,13900000001,2020-01-01\n" + // wrong check character
                  "1,1-102,-5,residential,register,person,乙,36012119500101001X,13900000002,2020-01-01\n" +
                  "1,1-102,80,residential,register,person,乙,36012119500101001X,13900000002,01/02/2020\n" +
                  "\"1\",\"1-103\",\"80\",\"shop\",\"survey\",\"organisation\",\"Acme, Inc.\",\"913601210000000009\",\"\",\"2020-01-01\"\n";

        var response = await Import(community.Id, csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemResponse.ReadAsync(response)).Errors!;
        Assert.Contains("line 2: owner_id_number", errors.Keys);
        Assert.Contains("line 3: exclusive_area", errors.Keys);
        Assert.Contains("line 4: owned_since", errors.Keys);
        Assert.Contains("line 4: unit", errors.Keys);
        Assert.Contains("line 5: use", errors.Keys);
        Assert.Equal(0, await Count("units", $"community_id = '{community.Id}'"));
    }

    [Fact]
    public async Task A_row_that_contradicts_the_registry_rejects_the_file()
    {
        var community = await _registry.Community();
        var person = TestIdentities.ResidentId(9_500_000 + RegistryClient.Next() % 100_000);
        var original = $"{Header}\n7,7-101,88.00,residential,register,person,丙,{person},13900000003,2021-01-01\n";
        Assert.Equal(HttpStatusCode.OK, (await Import(community.Id, original)).StatusCode);

        var changedArea = await Import(community.Id, original.Replace("88.00", "89.00") + $"7,7-102,70.00,residential,register,person,丙,{person},13900000003,2021-01-01\n");

        Assert.Equal(HttpStatusCode.BadRequest, changedArea.StatusCode);
        Assert.Equal(["line 2: unit"], (await ProblemResponse.ReadAsync(changedArea)).Errors!.Keys);
        Assert.Equal(1, await Count("units", $"community_id = '{community.Id}'"));
    }

    [Fact]
    public async Task A_file_without_the_required_columns_is_rejected()
    {
        var community = await _registry.Community();

        var response = await Import(community.Id, "building,unit\n1,1-101\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exclusive_area", (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_with_another_file_is_refused_not_replayed()
    {
        var community = await _registry.Community();
        var person = 9_600_000 + RegistryClient.Next() % 100_000;
        var (one, two) = (TestIdentities.ResidentId(person), TestIdentities.ResidentId(person + 1));
        var first = $"{Header}\n8,8-101,88.00,residential,register,person,丁,{one},13900000004,2021-01-01\n";
        var other = $"{Header}\n8,8-102,70.00,residential,register,person,戊,{two},13900000005,2021-01-01\n";
        var key = Guid.NewGuid().ToString();

        var imported = await Import(community.Id, first, key);
        var replayed = await Import(community.Id, first, key);
        var reused = await Import(community.Id, other, key);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.EndsWith("/idempotency-key-reused", (await ProblemResponse.ReadAsync(reused)).Type);
        Assert.Equal(1, await Count("units", $"community_id = '{community.Id}'"));
    }

    [Fact]
    public async Task A_phone_of_non_ASCII_digits_rejects_the_file_naming_its_line()
    {
        var community = await _registry.Community();
        var person = TestIdentities.ResidentId(9_700_000 + RegistryClient.Next() % 100_000);

        var row = $"9,9-101,88.00,residential,register,person,己,{person},139００００００００,2021-01-01";
        var response = await Import(community.Id, $"{Header}\n{row}\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["line 2: owner_phone"], (await ProblemResponse.ReadAsync(response)).Errors!.Keys);
        Assert.Equal(0, await Count("units", $"community_id = '{community.Id}'"));
    }

    [Fact]
    public async Task Importing_into_an_unknown_community_is_a_404()
    {
        var response = await Import(Guid.NewGuid(), Header + "\n");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
