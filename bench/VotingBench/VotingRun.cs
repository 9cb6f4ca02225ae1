using System.Diagnostics;
using Platform.Governance.Api.Voting;

namespace Platform.Bench.Voting;

/// <summary>The figures of one run, as printed.</summary>
public sealed record VotingResult(LatencySummary Ballots, LatencySummary? Baseline, BallotAudit Audit, bool TallyEqual, TimeSpan Settle);

/// <summary>Warm-up, the baseline read, the measured ballots, then the settling and the checks against the record.</summary>
public sealed class VotingRun(BenchPlatform platform, SeededVote vote, BenchOptions options, DatabaseProfile profile, TextWriter log)
{
    public async Task<VotingResult> RunAsync()
    {
        var plan = new BallotPlan(vote.OwnerIds.Count, vote.ProposalIds, Guid.NewGuid().ToString("N")[..8]);
        using var client = new GatewayClient(platform.Gateway.HttpAddress, vote, plan);
        var loop = new OpenLoop(client.Http, options.RequestTimeout, options.MaxInFlight);
        var ballots = new List<(int Index, Outcome Outcome)>();

        var warmup = (int)(options.Rate * options.Warmup.TotalSeconds);
        if (warmup > 0)
        {
            log.WriteLine($"warm-up: {warmup} ballots and {warmup / 2} reads at {options.Rate}/s (not counted)");
            var warm = await loop.RunAsync(warmup, options.Rate, client.Ballot, GatewayClient.ReceiptOf);
            ballots.AddRange(warm.Select((outcome, i) => (i, outcome)));
            await loop.RunAsync(warmup / 2, options.Rate, client.ProposalList, GatewayClient.NoReceipt);
            await OutboxDrain.WaitAsync(platform.Governance.DatabaseConnectionString, TimeSpan.FromMinutes(1));
        }

        LatencySummary? baseline = null;
        var reads = (int)(options.Rate * options.BaselineDuration.TotalSeconds);
        if (reads > 0)
        {
            log.WriteLine($"baseline: {reads} reads of the proposal list at {options.Rate}/s");
            baseline = LatencySummary.Of(await loop.RunAsync(reads, options.Rate, client.ProposalList, GatewayClient.NoReceipt));
        }

        var count = (int)(options.Rate * options.Duration.TotalSeconds);
        log.WriteLine($"ballots: {count} at {options.Rate}/s over {options.Duration.TotalSeconds:0} s on {vote.ProposalIds.Count} proposal(s), " +
                      $"{vote.OwnerIds.Count} owners, at most {plan.MostPerOwner(warmup + count)} each");
        profile.Recording = true;
        var measured = await loop.RunAsync(count, options.Rate, i => client.Ballot(warmup + i), GatewayClient.ReceiptOf);
        profile.Recording = false;
        ballots.AddRange(measured.Select((outcome, i) => (warmup + i, outcome)));

        log.WriteLine("settling: outbox relay and live tally");
        var settle = Stopwatch.StartNew();
        await OutboxDrain.WaitAsync(platform.Governance.DatabaseConnectionString, TimeSpan.FromMinutes(2));
        var tallyEqual = await TalliesAgreeAsync(client, TimeSpan.FromSeconds(30));
        settle.Stop();

        var audit = await BallotAudit.CheckAsync(platform.Governance.DatabaseConnectionString, vote.ProposalIds, plan, vote.OwnerIds, ballots);
        return new VotingResult(LatencySummary.Of(measured), baseline, audit, tallyEqual, settle.Elapsed);
    }

    /// <summary>Whether every proposal's live tally equals its recount, waiting for the last events to be applied.</summary>
    private async Task<bool> TalliesAgreeAsync(GatewayClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var proposal in vote.ProposalIds)
        {
            while (true)
            {
                var (live, recount) = await client.TalliesAsync(proposal);
                if (live == recount)
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    log.WriteLine($"tally of {proposal} differs: live {live}, recount {recount}");
                    return false;
                }

                await Task.Delay(250);
            }
        }

        return true;
    }
}
