using System.Diagnostics;
using Platform.Bench.Fees;
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

// Subscribed before the host starts, so it sees the host's EF Core from its first command.
using var plan = new StatementPlan();
Console.WriteLine("starting fees (fresh database, outbox relay stopped) ...");
await using var fees = await BillRunBench.StartFeesAsync();
var community = SeededCommunity.Generate("Bench Riverside", options.Units, seed: 20261127);
var neighbour = SeededCommunity.Generate("Bench Hillside", 1_000, seed: 20261128);

BillRunResult result;
try
{
    Console.WriteLine($"seeding the registry copy: {community.Units.Count:N0} units in the measured community, {neighbour.Units.Count:N0} next door ...");
    await CommunitySeed.SeedAsync(fees.OwnerConnectionString, [community, neighbour], Console.Out);
    result = await new BillRunBench(fees, community, neighbour, options, Console.Out).RunAsync(plan);
}
catch (InvalidOperationException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}

Report.Print(Console.Out, options, result);
Console.WriteLine($"total {clock.Elapsed.TotalSeconds:0} s");
// Figures are not pass/fail, but a missing, doubled or wrongly computed bill is a defect.
return result.Holds ? 0 : 1;
