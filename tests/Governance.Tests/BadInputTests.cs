using System.Net;
using System.Text;
using Platform.TestKit;

namespace Platform.Governance.Tests;

/// <summary>Every write of the registry API answers bad input with a 400 problem naming the field, and writes nothing.</summary>
public sealed class BadInputTests(GovernanceHost governance) : IClassFixture<GovernanceHost>
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        // method, path ({community}, {unit}, {township}, {building}, {owner}, {company}, {problem} are filled in), JSON body, field named
        { "POST", "/api/governance/v1/townships", """{"name":"","code":"360121100"}""", "name" },
        { "POST", "/api/governance/v1/townships", """{"name":"X","code":"12ab"}""", "code" },
        { "POST", "/api/governance/v1/townships", """{"name":"X","code":360121100}""", "code" },
        { "POST", "/api/governance/v1/townships", """{"name":"X",""", "body" },
        { "POST", "/api/governance/v1/property-companies", """{"name":"A","unifiedSocialCreditCode":"913601210000000001"}""", "unifiedSocialCreditCode" },
        { "POST", "/api/governance/v1/property-companies", """{"unifiedSocialCreditCode":"913601210000000001"}""", "name" },
        { "POST", "/api/governance/v1/communities", """{"townshipId":"{township}","name":"C","address":"A","starLevel":6}""", "starLevel" },
        { "POST", "/api/governance/v1/communities", """{"townshipId":"{township}","name":"C","address":"A"}""", "starLevel" },
        { "POST", "/api/governance/v1/communities", """{"townshipId":"00000000-0000-0000-0000-000000000001","name":"C","address":"A","starLevel":2}""", "townshipId" },
        { "POST", "/api/governance/v1/communities", """{"townshipId":"not-a-guid","name":"C","address":"A","starLevel":2}""", "townshipId" },
        { "POST", "/api/governance/v1/communities", """{"townshipId":"{township}","name":"C","address":"A","starLevel":2,"propertyCompanyId":"00000000-0000-0000-0000-000000000002"}""", "propertyCompanyId" },
        { "PUT", "/api/governance/v1/communities/{community}/property-company", """{"propertyCompanyId":"{company}"}""", "since" },
        { "PUT", "/api/governance/v1/communities/{community}/property-company", """{"propertyCompanyId":"00000000-0000-0000-0000-000000000003","since":"2024-01-01"}""", "propertyCompanyId" },
        { "PUT", "/api/governance/v1/communities/{community}/property-company", """{"propertyCompanyId":"{company}","since":"2024-13-45"}""", "since" },
        { "POST", "/api/governance/v1/communities/{community}/buildings", """{"number":"   "}""", "number" },
        { "POST", "/api/governance/v1/communities/{community}/units", """{"buildingId":"{building}","number":"9-9","exclusiveArea":0,"use":"Residential","areaSource":"Register","ownerId":"{owner}","ownedSince":"2020-01-01"}""", "exclusiveArea" },
        { "POST", "/api/governance/v1/communities/{community}/units", """{"buildingId":"{building}","number":"9-9","exclusiveArea":80.123,"use":"Residential","areaSource":"Register","ownerId":"{owner}","ownedSince":"2020-01-01"}""", "exclusiveArea" },
        { "POST", "/api/governance/v1/communities/{community}/units", """{"buildingId":"{building}","number":"9-9","exclusiveArea":80,"use":"Castle","areaSource":"Register","ownerId":"{owner}","ownedSince":"2020-01-01"}""", "use" },
        { "POST", "/api/governance/v1/communities/{community}/units", """{"buildingId":"{building}","number":"9-9","exclusiveArea":80,"use":"Residential","areaSource":"Guess","ownerId":"{owner}","ownedSince":"2020-01-01"}""", "areaSource" },
        { "POST", "/api/governance/v1/communities/{community}/units", """{"buildingId":"{building}","number":"9-9","exclusiveArea":80,"use":"Residential","areaSource":"Register","ownerId":"00000000-0000-0000-0000-000000000004","ownedSince":"2020-01-01"}""", "ownerId" },
        { "POST", "/api/governance/v1/communities/{community}/units", """{"buildingId":"00000000-0000-0000-0000-000000000005","number":"9-9","exclusiveArea":80,"use":"Residential","areaSource":"Register","ownerId":"{owner}","ownedSince":"2020-01-01"}""", "buildingId" },
        { "POST", "/api/governance/v1/communities/{community}/units", """{"buildingId":"{building}","number":"9-9","exclusiveArea":80,"use":"Residential","areaSource":"Register","ownerId":"{owner}"}""", "ownedSince" },
        { "POST", "/api/governance/v1/owners", """{"kind":"Person","name":"赵六","idNumber":"360121195001010011","phone":"13900000000"}""", "idNumber" },
        { "POST", "/api/governance/v1/owners", """{"kind":"Person","name":"赵六","idNumber":"36012119500101001X","phone":"12345"}""", "phone" },
        { "POST", "/api/governance/v1/owners", """{"kind":"Person","name":"赵六","idNumber":"36012119500101001X"}""", "phone" },
        { "POST", "/api/governance/v1/owners", """{"kind":"Person","name":"赵六","idNumber":"36012119500101001X","phone":"139００００００００"}""", "phone" },
        { "POST", "/api/governance/v1/owners", """{"kind":"Person","name":"赵六","idNumber":"36012119500101001X","phone":"139٠٠٠٠٠٠٠٠"}""", "phone" },
        { "POST", "/api/governance/v1/owners", """{"kind":"Person","name":"赵六","idNumber":"36012119500101001X","phone":"13900000000\n"}""", "phone" },
        { "POST", "/api/governance/v1/townships", """{"name":"X","code":"３６０１２１１００"}""", "code" },
        { "POST", "/api/governance/v1/owners", """{"kind":"Alien","name":"赵六","idNumber":"36012119500101001X","phone":"13900000000"}""", "kind" },
        { "POST", "/api/governance/v1/owners", """{"kind":"Developer","name":"Dev","idNumber":"36012119500101001X"}""", "idNumber" },
        { "POST", "/api/governance/v1/units/{unit}/ownership-transfers", """{"fromOwnerId":"{owner}","newOwnerId":"{owner}"}""", "transferDate" },
        { "POST", "/api/governance/v1/units/{unit}/ownership-transfers", """{"newOwnerId":"{owner}","transferDate":"2024-01-01"}""", "fromOwnerId" },
        { "POST", "/api/governance/v1/units/{unit}/ownership-transfers", """{"fromOwnerId":"{owner}","newOwnerId":"00000000-0000-0000-0000-000000000006","transferDate":"2024-01-01"}""", "newOwnerId" },
        { "GET", "/api/governance/v1/communities/{community}/units?limit=100000", "", "limit" },
        { "GET", "/api/governance/v1/communities/{community}/units?offset=abc", "", "offset" },
        { "GET", "/api/governance/v1/communities?townshipId=abc", "", "townshipId" },
        { "POST", "/api/governance/v1/communities/{community}/proposals", """{"matter":"Picnic","title":"T","text":"X","closesAt":"2030-01-01T00:00:00Z"}""", "matter" },
        { "POST", "/api/governance/v1/communities/{community}/proposals", """{"matter":42,"title":"T","text":"X","closesAt":"2030-01-01T00:00:00Z"}""", "matter" },
        { "POST", "/api/governance/v1/communities/{community}/proposals", """{"matter":"AssemblyRules","title":"T","text":"X"}""", "closesAt" },
        { "POST", "/api/governance/v1/communities/{community}/proposals", """{"matter":"AssemblyRules","title":"T","text":"X","opensAt":"2030-01-02T00:00:00Z","closesAt":"2030-01-01T00:00:00Z"}""", "closesAt" },
        { "POST", "/api/governance/v1/communities/{community}/proposals", """{"matter":"AssemblyRules","title":"","text":"X","closesAt":"2030-01-01T00:00:00Z"}""", "title" },
        { "POST", "/api/governance/v1/communities/{community}/proposals", """{"matter":"AssemblyRules","title":"T","text":"X","closesAt":"2030-01-01T00:00:00Z","scope":{"buildingIds":["{building}"],"unitIds":["{unit}"]}}""", "scope" },
        { "POST", "/api/governance/v1/communities/{community}/proposals", """{"matter":"AssemblyRules","title":"T","text":"X","closesAt":"2030-01-01T00:00:00Z","scope":{"unitIds":[]}}""", "scope.unitIds" },
        { "POST", "/api/governance/v1/communities/{community}/proposals", """{"matter":"AssemblyRules","title":"T","text":"X","closesAt":"2030-01-01T00:00:00Z","scope":{"buildingIds":["00000000-0000-0000-0000-000000000007"]}}""", "scope.buildingIds" },
        { "POST", "/api/governance/v1/communities/{community}/proposals", """{"matter":"AssemblyRules","title":"T","text":"X","closesAt":"2030-01-01T00:00:00Z","attachments":[{"name":"plan.pdf"}]}""", "attachments[0].reference" },
        { "POST", "/api/governance/v1/property-companies/{company}/credit-records", """{"kind":"Good","points":0,"reason":"r","recordedOn":"2025-01-01"}""", "points" },
        { "POST", "/api/governance/v1/property-companies/{company}/credit-records", """{"kind":"Bad","points":31,"reason":"r","recordedOn":"2025-01-01"}""", "points" },
        { "POST", "/api/governance/v1/property-companies/{company}/credit-records", """{"kind":"Great","points":5,"reason":"r","recordedOn":"2025-01-01"}""", "kind" },
        { "POST", "/api/governance/v1/property-companies/{company}/credit-records", """{"kind":"Good","points":5,"recordedOn":"2025-01-01"}""", "reason" },
        { "POST", "/api/governance/v1/property-companies/{company}/credit-records", """{"kind":"Good","points":5,"reason":"r","recordedOn":"2999-01-01"}""", "recordedOn" },
        { "POST", "/api/governance/v1/property-companies/{company}/credit-records", """{"kind":"Good","points":5,"reason":"r","recordedOn":"2025-01-01","projectManagerId":"00000000-0000-0000-0000-000000000007"}""", "projectManagerId" },
        { "POST", "/api/governance/v1/property-companies/{company}/project-managers", """{"name":" "}""", "name" },
        { "POST", "/api/governance/v1/property-companies/{company}/blacklist-entries", """{"reason":"Other","detail":"d","from":"2025-02-01","until":"2025-01-01"}""", "until" },
        { "POST", "/api/governance/v1/property-companies/{company}/blacklist-entries", """{"reason":"Naughty","detail":"d","from":"2025-01-01","until":"2026-01-01"}""", "reason" },
        { "POST", "/api/governance/v1/property-companies/{company}/blacklist-entries", """{"reason":"Other","detail":"d","until":"2026-01-01"}""", "from" },
        { "POST", "/api/governance/v1/communities/{community}/owner-credit-records", """{"ownerId":"{owner}","kind":"Good","category":"Nope","note":"n","recordedOn":"2025-01-01"}""", "category" },
        { "POST", "/api/governance/v1/communities/{community}/owner-credit-records", """{"ownerId":"00000000-0000-0000-0000-000000000008","kind":"Good","category":"Commendation","note":"n","recordedOn":"2025-01-01"}""", "ownerId" },
        { "POST", "/api/governance/v1/communities/{community}/problems", """{"description":"d","responsibleParty":"PropertyCompany","deadline":"2099-01-01"}""", "category" },
        { "POST", "/api/governance/v1/communities/{community}/problems", """{"category":"Sanitation","description":"d","responsibleParty":"Other","deadline":"2099-01-01"}""", "responsiblePartyName" },
        { "POST", "/api/governance/v1/communities/{community}/problems", """{"category":"Sanitation","description":"d","responsibleParty":"PropertyCompany","deadline":"2000-01-01"}""", "deadline" },
        { "POST", "/api/governance/v1/communities/{community}/problems", """{"category":"Sanitation","description":"d","responsibleParty":"PropertyCompany"}""", "deadline" },
        { "POST", "/api/governance/v1/communities/{community}/problems", """{"category":"Sanitation","description":"d","responsibleParty":"PropertyCompany","deadline":"2099-01-01","foundOn":"2098-01-01"}""", "foundOn" },
        { "POST", "/api/governance/v1/problems/{problem}/fixes", """{"description":"d"}""", "doneOn" },
        { "POST", "/api/governance/v1/problems/{problem}/fixes", """{"description":"","doneOn":"2025-01-01"}""", "description" },
        { "POST", "/api/governance/v1/problems/{problem}/fixes", """{"description":"d","doneOn":"2999-01-01"}""", "doneOn" },
        { "POST", "/api/governance/v1/problems/{problem}/refusal", """{}""", "note" },
        { "POST", "/api/governance/v1/problems/{problem}/fix-rejection", """{"note":""}""", "note" },
        { "GET", "/api/governance/v1/problems?limit=0", "", "limit" },
        { "GET", "/api/governance/v1/problems?status=Lost", "", "status" },
        { "GET", "/api/governance/v1/problems?overdue=maybe", "", "overdue" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_a_400_problem_naming_the_field_and_writes_nothing(string method, string path, string body, string field)
    {
        var sample = await governance.Sample;
        string Fill(string text) => text
            .Replace("{community}", sample.CommunityId.ToString()).Replace("{unit}", sample.UnitId.ToString())
            .Replace("{township}", sample.TownshipId.ToString()).Replace("{building}", sample.BuildingId.ToString())
            .Replace("{owner}", sample.OwnerId.ToString()).Replace("{company}", sample.CompanyId.ToString())
            .Replace("{problem}", sample.ProblemId.ToString());
        var before = await WrittenRows();

        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path));
        if (method != "GET")
        {
            request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        }

        var response = await governance.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.NotNull(problem.Errors);
        Assert.True(problem.Errors!.ContainsKey(field), $"expected field '{field}' in {string.Join(", ", problem.Errors.Keys)}");
        Assert.Equal(before, await WrittenRows());
    }

    private async Task<long> WrittenRows()
    {
        var connection = governance.Host.DatabaseConnectionString;
        long total = 0;
        foreach (var table in new[] { "townships", "property_companies", "communities", "buildings", "units", "owners", "ownerships", "proposals", "electorate_members", "ballots", "outbox_messages",
                     "company_credit_records", "project_managers", "blacklist_entries", "owner_credit_records", "problems", "problem_fixes" })
        {
            total += await Sql.CountAsync(connection, table);
        }

        return total;
    }
}
