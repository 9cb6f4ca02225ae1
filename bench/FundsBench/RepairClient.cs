using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Funds.Api.Journal;
using Platform.Funds.Api.Repairs;
using Platform.Funds.Domain.Repairs;

namespace Platform.Bench.Funds;

/// <summary>One disbursement as the endpoint answered it, timed from sending the request to reading the answer.</summary>
public sealed record TimedDisbursement(Guid ProjectId, Guid TransactionId, long AmountFen, int UnitsCharged, TimeSpan Elapsed)
{
    /// <summary>The journal lines it posted: one debit per unit charged and the credit to the bank.</summary>
    public int Entries => UnitsCharged + 1;

    public double EntriesPerSecond => Entries / Elapsed.TotalSeconds;
}

/// <summary>
/// Calls the funds API the way the county's fund centre does, with its housing-bureau token; Finance, with its own,
/// countersigns (会签) what is above the second-signature threshold.
/// </summary>
public sealed class RepairClient(HttpClient http, HttpClient finance)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// An emergency repair over the whole scope, proposed and approved at once (no owners' vote on this track), so it can
    /// be paid. Setup, not timed. A fresh contractor and item each time: no split-job or repeated-emergency flag.
    /// </summary>
    public async Task<RepairProjectResponse> ApprovedProjectAsync(Guid communityId, IReadOnlyList<Guid> scope, long budgetFen, string item)
    {
        var request = new ProposeRepairRequest(RepairTrack.Emergency, EmergencyCategory.RoofOrWallLeak, $"Roof waterproofing: {item}", item, [.. scope], budgetFen,
            Guid.CreateVersion7(), $"Bench Waterproofing Co. {item}");
        using var proposed = await http.PostAsJsonAsync($"/api/funds/v1/communities/{communityId}/repair-projects", request, Json);
        await EnsureAsync(proposed, HttpStatusCode.Created, $"Proposing {item}");
        var project = (await proposed.Content.ReadFromJsonAsync<RepairProjectResponse>(Json))!;
        using var approved = await http.PostAsync($"/api/funds/v1/repair-projects/{project.Id}/approval", null);
        await EnsureAsync(approved, HttpStatusCode.OK, $"Approving {item}");
        return (await approved.Content.ReadFromJsonAsync<RepairProjectResponse>(Json))!;
    }

    /// <summary>
    /// <c>POST .../repair-projects/{id}/disbursements</c>, timed from request to answer; above the second-signature threshold
    /// (the bench's settlements are) the request only waits, and the measured call is Finance's countersignature, which books it.
    /// </summary>
    public async Task<TimedDisbursement> DisburseAsync(Guid projectId, long amountFen)
    {
        var request = new DisburseRequest(amountFen, $"BENCH-{Guid.CreateVersion7():N}");
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync($"/api/funds/v1/repair-projects/{projectId}/disbursements", request, Json);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            var pending = (await response.Content.ReadFromJsonAsync<DisbursementStateResponse>(Json))!;
            clock.Restart();
            using var signed = await finance.PostAsync($"/api/funds/v1/disbursements/{pending.Id}/countersignature", null);
            return await TimedAsync(signed, HttpStatusCode.OK, clock, projectId, amountFen);
        }

        return await TimedAsync(response, HttpStatusCode.Created, clock, projectId, amountFen);
    }

    private static async Task<TimedDisbursement> TimedAsync(
        HttpResponseMessage response, HttpStatusCode expected, Stopwatch clock, Guid projectId, long amountFen)
    {
        await EnsureAsync(response, expected, $"Disbursing {amountFen} fen for project {projectId}");
        var paid = (await response.Content.ReadFromJsonAsync<DisbursementResponse>(Json))!;
        clock.Stop();
        return new TimedDisbursement(projectId, paid.TransactionId, paid.AmountFen, paid.UnitsCharged, clock.Elapsed);
    }

    /// <summary>Acceptance (验收), then settlement (结算) at the disbursed amount: the project's answer after settling. Not timed.</summary>
    public async Task<RepairProjectResponse> SettleAsync(Guid projectId, long finalCostFen)
    {
        using var accepted = await http.PostAsync($"/api/funds/v1/repair-projects/{projectId}/acceptance", null);
        await EnsureAsync(accepted, HttpStatusCode.OK, $"Accepting project {projectId}");
        using var settled = await http.PostAsJsonAsync($"/api/funds/v1/repair-projects/{projectId}/settlement", new SettleRepairRequest(finalCostFen), Json);
        await EnsureAsync(settled, HttpStatusCode.OK, $"Settling project {projectId} at {finalCostFen} fen");
        return (await settled.Content.ReadFromJsonAsync<RepairProjectResponse>(Json))!;
    }

    /// <summary><c>GET /api/funds/v1/journal/verification</c>: every invariant of the fund, every community's chain.</summary>
    public async Task<(JournalVerificationResponse Verification, TimeSpan Elapsed)> VerifyAsync()
    {
        var clock = Stopwatch.StartNew();
        var verification = (await http.GetFromJsonAsync<JournalVerificationResponse>("/api/funds/v1/journal/verification", Json))!;
        return (verification, clock.Elapsed);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
