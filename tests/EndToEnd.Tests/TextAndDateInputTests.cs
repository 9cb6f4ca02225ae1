using System.Net;
using System.Text;
using System.Text.Json;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Governance.Tests;
using Platform.TestKit;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Text and dates that used to break a service: a control character in any text field, a name of invisible characters
/// only, a business date of year 1. Each is a 400 naming the field, through the gateway, and the service's pooled
/// database connections stay healthy for the callers after it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TextAndDateInputTests(PlatformFixture platform, TextAndDateInputTests.World world) : IClassFixture<TextAndDateInputTests.World>
{
    public static TheoryData<string> Services => ["governance", "fees", "funds", "parking", "eldercare"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_NUL_in_a_text_field_is_a_400_naming_it_and_the_next_50_valid_requests_all_succeed(string service)
    {
        var command = world.Command(service);

        // Four valid commands first, so the one with the NUL is the statement's fifth use: the one Npgsql auto-prepares.
        var failures = new List<string>();
        await Send(command, "正常文本", 1, 4, failures);
        using var refused = await command.Send("a\u0000b", 0);
        await Send(command, "正常文本", 101, 50, failures);

        Assert.Empty(failures);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await ProblemResponse.ReadAsync(refused);
        Assert.Equal(ProblemTypes.ControlCharacters, problem.Type);
        Assert.True(problem.Errors!.ContainsKey(command.Field), $"{command.Field} not in {string.Join(", ", problem.Errors.Keys)}");
    }

    private static async Task Send(TextCommand command, string text, int first, int count, List<string> failures)
    {
        for (var i = first; i < first + count; i++)
        {
            using var response = await command.Send(text, i);
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"#{i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    public static TheoryData<string, string> ControlCharacters => new()
    {
        { "\\u0001", "C0" }, { "\\u001b[31m", "escape" }, { "\\u007f", "DEL" }, { "\\u0085", "C1 next line" }, { "\\ud800", "lone surrogate" },
    };

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public async Task A_control_character_in_a_JSON_text_field_is_a_400_naming_the_field(string escape, string what)
    {
        var command = world.Command("parking");

        // Written into the JSON as the escape itself: a client's serializer would replace a lone surrogate before sending it.
        var (path, body) = command.Request("地下CTRL停车场", 0);

        using var response = await command.Client.PostAsync(path, World.Json(body.Replace("CTRL", escape, StringComparison.Ordinal)));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(ProblemTypes.ControlCharacters, problem.Type);
        Assert.True(problem.Errors!.ContainsKey("name"), string.Join(", ", problem.Errors.Keys));
    }

    [Fact]
    public async Task Tabs_and_line_breaks_in_a_description_are_kept()
    {
        var command = world.Command("governance");

        using var response = await command.Send("第一行\n\t第二行\r\n", 0);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("第一行\n\t第二行", (await response.Content.ReadAsStringAsync()).Replace("\\n", "\n").Replace("\\t", "\t"));
    }

    public static TheoryData<string> Invisible => ["\u200b\u200b", "\u202e\u202c", "\ufeff \u2060", "\u2066\u2069\u200d"];

    [Theory]
    [MemberData(nameof(Invisible))]
    public async Task A_name_of_invisible_characters_only_is_a_400_required(string name)
    {
        using var civilAffairs = world.CivilAffairs();
        var before = await Sql.CountAsync(platform.ConsumerHosts["eldercare"].DatabaseConnectionString, "care_providers");

        using var response = await civilAffairs.PostAsync("/api/eldercare/v1/providers", World.Json(world.ProviderBody(name)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.True(problem.Errors!.ContainsKey("name"), string.Join(", ", problem.Errors.Keys));
        Assert.Equal(before, await Sql.CountAsync(platform.ConsumerHosts["eldercare"].DatabaseConnectionString, "care_providers"));
    }

    public static TheoryData<string> ImplausibleDates => ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"];

    [Theory]
    [MemberData(nameof(ImplausibleDates))]
    public async Task A_business_date_outside_the_plausible_range_is_a_400_and_nothing_is_booked(string date)
    {
        var fees = platform.ConsumerHosts["fees"].DatabaseConnectionString;
        var before = await Sql.CountAsync(fees, "public_income_entries");

        using var response = await platform.Client.PostAsync($"/api/fees/v1/communities/{world.Community}/public-income", World.Json(
            $$"""{"kind":"Income","source":"VenueRental","amountFen":100,"description":"场地租金","occurredOn":"{{date}}"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.True(problem.Errors!.ContainsKey("occurredOn"), string.Join(", ", problem.Errors.Keys));
        Assert.Equal(before, await Sql.CountAsync(fees, "public_income_entries"));
    }

    [Fact]
    public async Task A_NUL_in_a_query_value_is_a_400_naming_it()
    {
        using var civilAffairs = world.CivilAffairs();

        using var response = await civilAffairs.GetAsync("/api/eldercare/v1/access-log?actor=a%00b");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(ProblemTypes.ControlCharacters, problem.Type);
        Assert.True(problem.Errors!.ContainsKey("actor"), string.Join(", ", problem.Errors.Keys));
    }

    [Fact]
    public async Task A_NUL_in_a_CSV_import_is_a_400_and_nothing_is_imported()
    {
        var governance = platform.Governance.DatabaseConnectionString;
        var before = await Sql.CountAsync(governance, "units");

        using var response = await platform.Client.PostAsync($"/api/governance/v1/communities/{world.Community}/imports",
            new StringContent("building,unit,exclusiveArea\n7,7-701\u0000,80\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(ProblemTypes.ControlCharacters, problem.Type);
        Assert.Equal(before, await Sql.CountAsync(governance, "units"));
    }

    /// <summary>One community with a unit known to every service, and per service one command with a text field.</summary>
    public sealed class World(PlatformFixture platform) : IAsyncLifetime
    {
        public Guid Community { get; private set; }

        public Guid Unit { get; private set; }

        public async Task InitializeAsync()
        {
            var registry = platform.Registry;
            var community = await registry.Community((await registry.PropertyCompany()).Id);
            var building = await registry.Building(community.Id);
            var unit = await registry.Unit(community.Id, building.Id, (await registry.Person()).Id);
            (Community, Unit) = (community.Id, unit.Id);
            await platform.UnitReachesEveryService(unit.Id, TimeSpan.FromSeconds(30));
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public HttpClient CivilAffairs() => platform.Gateway.CreateHttpClient()
            .WithToken(TestTokens.For(OrganisationTypes.CivilAffairs, null, Scopes.ElderCareRead, Scopes.ElderCareWrite, Scopes.ElderCareHealth));

        public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

        private static string Quoted(string text) => JsonSerializer.Serialize(text);

        public string ProviderBody(string name) => $$"""
            {"organisationId":"{{Guid.NewGuid()}}","organisationType":"care-provider","name":{{Quoted(name)}},
             "offerings":[{"service":"Meal","communityIds":["{{Community}}"],"dailyCapacity":5,"priceFen":1000,"subsidyByLevelFen":[0,0,0,0,0]}]}
            """;

        /// <summary>A command of <paramref name="service"/> whose text field <see cref="TextCommand.Field"/> gets the text sent.</summary>
        public TextCommand Command(string service) => service switch
        {
            "governance" => new(platform.Client, "description", (text, _) => ($"/api/governance/v1/communities/{Community}/problems",
                $$"""{"category":"Sanitation","description":{{Quoted(text)}},"responsibleParty":"PropertyCompany","deadline":"2099-01-01"}""")),
            "fees" => new(platform.Client, "description", (text, _) => ($"/api/fees/v1/communities/{Community}/public-income",
                $$"""{"kind":"Income","source":"VenueRental","amountFen":100,"description":{{Quoted(text)}},"occurredOn":"2026-01-01"}""")),
            "funds" => new(platform.Client, "bankReference", (text, i) => ($"/api/funds/v1/units/{Unit}/deposits",
                $$"""{"kind":"Other","amountFen":100,"bankReference":{{Quoted(text + i)}},"depositedOn":"2026-01-01"}""")),
            "parking" => new(platform.Client, "name", (text, i) => ($"/api/parking/v1/communities/{Community}/lots",
                $$$"""{"name":{{{Quoted(text + i)}}},"capacity":100,"visitorSpaceOwnership":"OwnersCommon","tariff":{"freeMinutes":15,"fenPerHour":500,"dailyCapFen":3000}}""")),
            _ => new(CivilAffairs(), "name", (text, _) => ("/api/eldercare/v1/providers", ProviderBody(text))),
        };
    }

    public sealed record TextCommand(HttpClient Client, string Field, Func<string, int, (string Path, string Body)> Request)
    {
        public async Task<HttpResponseMessage> Send(string text, int attempt)
        {
            var (path, body) = Request(text, attempt);
            return await Client.PostAsync(path, World.Json(body));
        }
    }
}
