using System.Diagnostics;
using Platform.Bench.Voting;
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
// The hosts find their content roots in MvcTestingAppManifest.json, looked up in the current directory.
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

Console.WriteLine("starting governance and the gateway (fresh database) ...");
await using var platform = await BenchPlatform.StartAsync();
Console.WriteLine($"seeding {options.Owners} owners by CSV import and {options.Proposals} proposal(s) ...");
var vote = await CommunitySeed.SeedAsync(platform, options, Console.Out);
Console.WriteLine($"seeded in {clock.Elapsed.TotalSeconds:0} s since start");

using var profile = new DatabaseProfile();
var result = await new VotingRun(platform, vote, options, profile, Console.Out).RunAsync();
Report.Print(Console.Out, options, result);
profile.Print(Console.Out);
Console.WriteLine($"total {clock.Elapsed.TotalSeconds:0} s");
// Figures are not pass/fail, but a lost or doubled ballot, or a tally that disagrees with the record, is a defect.
return result.Audit.Holds && result.TallyEqual ? 0 : 1;
