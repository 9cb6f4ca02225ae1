using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Fees.Api.Billing;
using Platform.Fees.Domain.Billing;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Bench.Fees;

/// <summary>One bill run as the endpoint answered it, timed from sending the request to reading the answer.</summary>
public sealed record TimedBillRun(Guid CommunityId, BillingPeriod Period, TimeSpan Elapsed, int BillsCreated, long AmountFen)
{
    public double BillsPerSecond => BillsCreated / Elapsed.TotalSeconds;
}

/// <summary>A common-area charge as recorded: each unit's share, which the month's bills must carry.</summary>
public sealed record RecordedUtilityCharge(BillingPeriod Period, long AmountFen, IReadOnlyDictionary<Guid, long> Shares, TimeSpan Elapsed);

/// <summary>Calls the fees API the way a county department does, with its token.</summary>
public sealed class BillingClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary><c>POST .../communities/{id}/bill-runs</c>, timed from request to answer.</summary>
    public async Task<TimedBillRun> RunAsync(Guid communityId, BillingPeriod period)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync($"/api/fees/v1/communities/{communityId}/bill-runs", new StartBillRunRequest(period.ToString()), Json);
        await EnsureAsync(response, $"The bill run of {period}");
        var run = (await response.Content.ReadFromJsonAsync<BillRunResponse>(Json))!;
        clock.Stop();
        return new TimedBillRun(communityId, period, clock.Elapsed, run.BillsCreated, run.AmountFen);
    }

    /// <summary><c>POST .../communities/{id}/utility-charges</c>: one community-wide common-area electricity charge for the month (setup).</summary>
    public async Task<RecordedUtilityCharge> RecordUtilityChargeAsync(Guid communityId, BillingPeriod period, long amountFen)
    {
        var clock = Stopwatch.StartNew();
        var request = new RecordUtilityChargeRequest(Utility.Electricity, period.ToString(), amountFen, null, $"bench meter E-01 {period}");
        using var response = await http.PostAsJsonAsync($"/api/fees/v1/communities/{communityId}/utility-charges", request, Json);
        await EnsureAsync(response, $"Recording the utility charge of {period}");
        var charge = (await response.Content.ReadFromJsonAsync<UtilityChargeResponse>(Json))!;
        return new RecordedUtilityCharge(period, charge.AmountFen, charge.Shares.ToDictionary(s => s.UnitId, s => s.AmountFen), clock.Elapsed);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
