using System.Diagnostics;
using Platform.Bench.Funds;
using Platform.TestKit;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

var clock = Stopwatch.StartNew();
// The host finds its content root in MvcTestingAppManifest.json, looked up in the current directory.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
try
{
    _ = TestInfrastructure.Settings;
}
catch (InvalidOperationException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

// Listening before the host starts, so it sees the host's EF Core and Npgsql from the first command.
using var profile = new PostingProfile();
Console.WriteLine("starting funds (fresh database, outbox relay stopped) ...");
await using var funds = await SettlementBench.StartFundsAsync();
var community = SeededCommunity.Generate("Bench Riverside", options.Units, seed: 20261128);
var neighbour = SeededCommunity.Generate("Bench Hillside", 1_000, seed: 20261129);

SettlementResult result;
try
{
    Console.WriteLine($"seeding: {community.Units.Count:N0} funded ledgers in the measured community, {neighbour.Units.Count:N0} next door ...");
    await CommunitySeed.SeedAsync(funds.OwnerConnectionString, [community, neighbour], Console.Out);
    result = await new SettlementBench(funds, community, neighbour, options, Console.Out).RunAsync(profile);
}
catch (InvalidOperationException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}

Report.Print(Console.Out, result);
profile.Print(Console.Out, result.MedianIndex);
Console.WriteLine($"total {clock.Elapsed.TotalSeconds:0} s");
// Figures are not pass/fail, but a wrong share or balance, a missed top-up or a broken chain is a defect.
return result.Holds ? 0 : 1;
