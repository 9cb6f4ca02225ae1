using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Bench.Voting;
using Platform.BuildingBlocks.Messaging;
using Platform.Fees.Api.Infrastructure;
using Platform.Fees.Domain.Billing;
using Platform.TestKit;
using FeesProgram = Platform.Fees.Api.Program;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Bench.Fees;

/// <summary>The utility charges (setup), warm-up, the measured bill runs, the re-run, the naive loop, then the checks against the record.</summary>
public sealed class BillRunBench(BenchHost<FeesProgram> host, SeededCommunity community, SeededCommunity neighbour, BenchOptions options, TextWriter log)
{
    private readonly Dictionary<BillingPeriod, RecordedUtilityCharge> _charges = [];

    /// <summary>
    /// Starts fees on a fresh database and stops its outbox relay: publishing a run's 100,000 BillIssued events is the
    /// relay's work after the answer, and left running it would publish them during the next runs. Both paths leave
    /// their events in the outbox, where the checks find them.
    /// </summary>
    public static async Task<BenchHost<FeesProgram>> StartFeesAsync()
    {
        var host = new BenchHost<FeesProgram>("fees");
        await host.StartQuietlyAsync();
        foreach (var relay in host.Services.GetServices<IHostedService>().OfType<OutboxRelay<FeesDbContext>>())
        {
            await relay.StopAsync(CancellationToken.None);
        }

        return host;
    }

    public async Task<BillRunResult> RunAsync(StatementPlan plan)
    {
        using var http = host.CreateHttpClient().WithToken(TestTokens.Registrar);
        http.Timeout = TimeSpan.FromMinutes(10);
        var client = new BillingClient(http);
        if (options.UtilityCharges)
        {
            for (var i = 0; i < options.Repeats; i++)
            {
                await RecordUtilityChargeAsync(client, BillingPeriods.Measured(i));
            }
        }

        var load = new List<string> { $"before {Report.LoadAverage()}" };
        var warm = await client.RunAsync(neighbour.Id, BillingPeriods.WarmUp);
        log.WriteLine($"warm-up: {warm.BillsCreated} bills in the neighbouring community in {warm.Elapsed.TotalSeconds:0.00} s (not counted)");

        var runs = new List<TimedBillRun>();
        for (var i = 0; i < options.Repeats; i++)
        {
            var run = await client.RunAsync(community.Id, BillingPeriods.Measured(i));
            runs.Add(run);
            load.Add($"after {run.Period} {Report.LoadAverage()}");
            log.WriteLine($"run {i + 1}/{options.Repeats}: {run.Period} {run.BillsCreated} bills in {run.Elapsed.TotalSeconds:0.00} s ({run.BillsPerSecond:N0}/s)");
        }

        var reRun = await client.RunAsync(community.Id, runs[0].Period);
        log.WriteLine($"re-run of {reRun.Period}: {reRun.BillsCreated} bills in {reRun.Elapsed.TotalSeconds:0.00} s");

        NaiveRun? naive = null;
        if (options.NaiveUnits > 0)
        {
            log.WriteLine($"naive: {options.NaiveUnits} units one at a time with EF Core for {BillingPeriods.Naive} ...");
            naive = await NaiveBilling.RunAsync(host.Services, community, NaiveSample().Select(u => u.Id).ToList(), BillingPeriods.Naive);
            load.Add($"after naive {Report.LoadAverage()}");
            log.WriteLine($"naive: {naive.BillsCreated} bills in {naive.Elapsed.TotalSeconds:0.00} s ({naive.BillsPerSecond:N0}/s)");
        }

        log.WriteLine("checking the bills against the C# recomputation ...");
        var audits = await CheckAsync(warm, runs, reRun, naive);
        var measured = string.Join(", ", runs.Select(r => $"'{r.Period}'"));
        var outside = await Sql.CountAsync(host.DatabaseConnectionString, "bills", $"period IN ({measured}) AND community_id <> '{community.Id}'");

        if (options.Explain)
        {
            // A month like the measured ones: with its utility charge when they had one.
            if (options.UtilityCharges)
            {
                await RecordUtilityChargeAsync(client, BillingPeriods.Explain);
            }

            log.WriteLine($"EXPLAIN (ANALYZE, BUFFERS) of the endpoint's statement for {BillingPeriods.Explain}, rolled back:");
            foreach (var line in await plan.ExplainAsync(host.DatabaseConnectionString, BillingPeriods.Explain))
            {
                log.WriteLine("  " + line);
            }
        }

        return new BillRunResult(community, runs, reRun, naive, audits, outside, load);
    }

    /// <summary>One community-wide common-area electricity charge for the month, through its endpoint (setup, not timed).</summary>
    private async Task RecordUtilityChargeAsync(BillingClient client, BillingPeriod period)
    {
        // An awkward total, so the largest-remainder shares have remainders to hand out.
        var charge = await client.RecordUtilityChargeAsync(community.Id, period, (community.Units.Count * 37L) + 13);
        _charges[period] = charge;
        log.WriteLine($"  utility charge for {period}: {charge.AmountFen} fen shared by {charge.Shares.Count} units, recorded in {charge.Elapsed.TotalSeconds:0.0} s");
    }

    private async Task<List<BillAudit>> CheckAsync(TimedBillRun warm, IReadOnlyList<TimedBillRun> runs, TimedBillRun reRun, NaiveRun? naive)
    {
        var database = host.DatabaseConnectionString;
        var audits = new List<BillAudit>();
        foreach (var run in runs)
        {
            var answered = run.Period == reRun.Period ? run.AmountFen + reRun.AmountFen : run.AmountFen;
            var charge = _charges.GetValueOrDefault(run.Period);
            audits.Add(await BillAudit.CheckAsync(database, "run", community.Id, run.Period,
                community.ExpectedBills(run.Period, shares: charge?.Shares), answered, charge?.AmountFen ?? 0));
        }

        if (naive is not null)
        {
            audits.Add(await BillAudit.CheckAsync(database, "naive", community.Id, naive.Period, community.ExpectedBills(naive.Period, NaiveSample()), naive.AmountFen));
        }

        audits.Add(await BillAudit.CheckAsync(database, "warm-up", neighbour.Id, warm.Period, neighbour.ExpectedBills(warm.Period), warm.AmountFen));
        return audits;
    }

    /// <summary>Every k-th unit of the register, so the sample has the community's mix (and its few units not to be billed).</summary>
    private List<SeededUnit> NaiveSample()
    {
        var step = (double)community.Units.Count / options.NaiveUnits;
        return Enumerable.Range(0, options.NaiveUnits).Select(i => community.Units[(int)(i * step)]).ToList();
    }
}
