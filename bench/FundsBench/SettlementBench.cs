using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Bench.Voting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Api.Journal;
using Platform.Funds.Api.Repairs;
using Platform.Funds.Domain.Repairs;
using Platform.Contracts.Kernel.Money;
using Platform.TestKit;
using FundsProgram = Platform.Funds.Api.Program;

namespace Platform.Bench.Funds;

/// <summary>
/// A measured settlement: its disbursement as timed, the garbage collector's pauses and full collections in the process
/// (host and client) meanwhile, and the project as settled.
/// </summary>
public sealed record SettledRun(TimedDisbursement Disbursement, TimeSpan GcPause, int FullCollections, RepairProjectResponse Settled, string Load);

/// <summary>Everything one run found: figures and checks.</summary>
public sealed record SettlementResult(
    SeededCommunity Community, TimedDisbursement WarmUp, IReadOnlyList<SettledRun> Runs, NaiveRun? Naive, InMemoryRun InMemory,
    JournalVerificationResponse Verification, TimeSpan VerificationTime, IReadOnlyList<AuditLine> Audits, IReadOnlyList<string> Load, IReadOnlyList<string> Probe)
{
    public bool Holds => Verification.Holds && Audits.All(a => a.Holds);

    public TimedDisbursement Median => Runs.Select(r => r.Disbursement).OrderBy(d => d.Elapsed).ElementAt(Runs.Count / 2);

    public int MedianIndex => Runs.Select((r, i) => (r, i)).Single(x => x.r.Disbursement == Median).i;
}

/// <summary>The warm-up, the measured settlements, the naive loop and the in-memory floor, the checks against the seed, then (with --explain) the probes.</summary>
public sealed class SettlementBench(BenchHost<FundsProgram> host, SeededCommunity community, SeededCommunity neighbour, BenchOptions options, TextWriter log)
{
    /// <summary>
    /// Starts funds on a fresh database and stops its outbox relay (a disbursement's events are the relay's work after the
    /// answer; the checks find them in the outbox). The county's yearly limit on emergency repairs (3) is raised for the
    /// bench: each measured settlement is a fresh emergency project in the one community.
    /// </summary>
    public static async Task<BenchHost<FundsProgram>> StartFundsAsync()
    {
        var limits = RepairLimits.Default with { EmergencyUsesPerYear = 1_000 };
        var settings = typeof(RepairLimits).GetProperties()
            .ToDictionary(p => $"Funds:Repairs:{p.Name}", p => Convert.ToString(p.GetValue(limits), CultureInfo.InvariantCulture));
        var host = new BenchHost<FundsProgram>("funds", settings);
        try
        {
            await host.StartQuietlyAsync();
            foreach (var relay in host.Services.GetServices<IHostedService>().OfType<OutboxRelay<FundsDbContext>>())
            {
                await relay.StopAsync(CancellationToken.None);
            }

            return host;
        }
        catch
        {
            // A host that failed to start (a migration missing, say) still drops its database and queue.
            await host.DisposeAsync();
            throw;
        }
    }

    public async Task<SettlementResult> RunAsync(PostingProfile profile)
    {
        var scope = community.Units.Select(u => u.Id).ToList();
        var sample = options.NaiveUnits > 0 ? community.Sample(options.NaiveUnits) : [];
        var amounts = Enumerable.Range(0, options.Repeats).Select(i => SeededCommunity.SettlementFen(community.Units.Count, i)).ToList();
        var naiveAmount = SeededCommunity.SettlementFen(sample.Count, 99);
        EnsureLedgersCover(amounts, sample, naiveAmount);

        // The county's fund centre: a housing-bureau client with every funds scope (approval needs funds.approve).
        using var http = host.CreateHttpClient().WithToken(TestTokens.For(OrganisationTypes.Housing, null, Scopes.FundsRead, Scopes.FundsWrite, Scopes.FundsApprove));
        http.Timeout = TimeSpan.FromMinutes(10);
        using var finance = host.CreateHttpClient().WithToken(TestTokens.WithDefaults(OrganisationTypes.Finance));
        finance.Timeout = http.Timeout;
        var client = new RepairClient(http, finance);

        var load = new List<string> { $"before {Report.LoadAverage()}" };
        var neighbourAmount = SeededCommunity.SettlementFen(neighbour.Units.Count, 0);
        var warmProject = await client.ApprovedProjectAsync(neighbour.Id, [.. neighbour.Units.Select(u => u.Id)], neighbourAmount, "warm-up");
        var warm = await client.DisburseAsync(warmProject.Id, neighbourAmount);
        await client.SettleAsync(warmProject.Id, neighbourAmount);
        log.WriteLine($"warm-up: {warm.Entries:N0} entries in the neighbouring community in {warm.Elapsed.TotalSeconds:0.00} s (not counted)");

        var runs = new List<SettledRun>();
        for (var i = 0; i < options.Repeats; i++)
        {
            var project = await client.ApprovedProjectAsync(community.Id, scope, amounts[i], $"run {i + 1}");
            var (pause, full) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2));
            profile.Recording = true;
            var paid = await client.DisburseAsync(project.Id, amounts[i]);
            profile.Recording = false;
            (pause, full) = (GC.GetTotalPauseDuration() - pause, GC.CollectionCount(2) - full);
            var settled = await client.SettleAsync(project.Id, amounts[i]);
            var after = Report.LoadAverage();
            runs.Add(new SettledRun(paid, pause, full, settled, after));
            load.Add($"after run {i + 1} {after}");
            log.WriteLine($"run {i + 1}/{options.Repeats}: {amounts[i]:N0} fen over {paid.UnitsCharged:N0} units, {paid.Entries:N0} entries in {paid.Elapsed.TotalSeconds:0.00} s " +
                          $"({paid.EntriesPerSecond:N0}/s; GC paused {pause.TotalMilliseconds:0} ms, {full} full collections); settled");
        }

        NaiveRun? naive = null;
        if (sample.Count > 0)
        {
            log.WriteLine($"naive: {sample.Count:N0} units one journal line at a time with EF Core ...");
            var project = await client.ApprovedProjectAsync(community.Id, [.. sample.Select(u => u.Id)], naiveAmount, "naive sample");
            naive = await NaiveDisbursement.RunAsync(host.Services, community.Id, project.Id, naiveAmount);
            var settled = await client.SettleAsync(project.Id, naiveAmount);
            if (settled.Status != RepairStatus.Settled)
            {
                throw new InvalidOperationException($"The naive sample's project settled as {settled.Status}.");
            }

            load.Add($"after naive {Report.LoadAverage()}");
            log.WriteLine($"naive: {naive.Entries:N0} entries in {naive.Elapsed.TotalSeconds:0.00} s ({naive.EntriesPerSecond:N0}/s)");
        }

        var inMemory = InMemoryApportionment.Measure(community, amounts[0], repeats: 5);
        log.WriteLine($"in memory: apportioning and sealing {inMemory.Entries:N0} entries takes {inMemory.Median.TotalMilliseconds:0.0} ms");

        log.WriteLine("verifying the journal (GET /journal/verification) and checking shares, balances and top-ups against the seed ...");
        var (verification, verificationTime) = await client.VerifyAsync();
        List<Posting> postings = [.. runs.Select((r, i) => new Posting($"run {i + 1}", r.Disbursement.TransactionId, r.Disbursement.AmountFen, community.Units))];
        if (naive is not null)
        {
            postings.Add(new Posting("naive", naive.TransactionId, naive.AmountFen, sample));
        }

        var audits = await LedgerAudit.CheckAsync(host.DatabaseConnectionString, community, postings);
        audits.AddRange(await LedgerAudit.CheckAsync(host.DatabaseConnectionString, neighbour, [new Posting("warm-up", warm.TransactionId, warm.AmountFen, neighbour.Units)]));
        audits.Add(SettledAsAnswered(runs));

        IReadOnlyList<string> probe = [];
        if (options.Explain)
        {
            log.WriteLine("probing EF Core's change tracking and a set-based posting (nothing kept) ...");
            probe = await PostingProbe.RunAsync(host.Services, host.DatabaseConnectionString, community, amounts[0]);
        }

        return new SettlementResult(community, warm, runs, naive, inMemory, verification, verificationTime, audits, load, probe);
    }

    /// <summary>Every measured project settled at exactly what was disbursed (the settlement refuses anything else).</summary>
    private static AuditLine SettledAsAnswered(IReadOnlyList<SettledRun> runs)
    {
        var wrong = runs.Where(r => r.Settled.Status != RepairStatus.Settled || r.Settled.DisbursedFen != r.Disbursement.AmountFen)
            .Select(r => $"{r.Settled.Id}: {r.Settled.Status}, disbursed {r.Settled.DisbursedFen}, paid {r.Disbursement.AmountFen}").ToList();
        return new AuditLine("settlements", $"{runs.Count(r => r.Settled.Status == RepairStatus.Settled)} of {runs.Count} projects settled at their disbursed amount",
            wrong.Count == 0 ? [] : [$"{wrong.Count} projects not settled as paid, e.g. {string.Join("; ", wrong.Take(3))}"]);
    }

    /// <summary>Fails before anything is posted if some ledger could not pay its shares of every planned settlement.</summary>
    private void EnsureLedgersCover(IReadOnlyList<long> amounts, IReadOnlyList<SeededUnit> sample, long naiveAmount)
    {
        var planned = new Dictionary<Guid, long>();
        var weights = community.Units.Select(u => (u.Id, u.AreaHundredths)).ToList();
        var shares = amounts.SelectMany(a => Apportionment.ByArea(a, weights));
        if (sample.Count > 0)
        {
            shares = shares.Concat(Apportionment.ByArea(naiveAmount, sample.Select(u => (u.Id, u.AreaHundredths)).ToList()));
        }

        foreach (var share in shares)
        {
            planned[share.UnitId] = planned.GetValueOrDefault(share.UnitId) + share.AmountFen;
        }

        var shortUnits = community.Units.Count(u => planned.GetValueOrDefault(u.Id) > u.BalanceFen);
        if (shortUnits > 0)
        {
            throw new InvalidOperationException($"{shortUnits} seeded ledgers cannot pay their shares of {amounts.Count} settlements and the naive sample; use fewer --repeats.");
        }
    }
}
