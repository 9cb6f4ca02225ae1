using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Bench.Parking;
using Platform.Bench.Voting;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.Contracts.Parking.V1;
using Platform.TestKit;

// bench/parking.sh: gate events at a fixed rate through the gateway, over REST and over gRPC streams (docs/performance.md).
var options = new Dictionary<string, double> { ["--rate"] = 200, ["--duration"] = 60, ["--gates"] = 8, ["--baseline"] = 15, ["--warmup"] = 20 };
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (!options.ContainsKey(args[i]) || !double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) || value <= 0)
    {
        Console.Error.WriteLine("Usage: bench/parking.sh [--rate N] [--duration S] [--gates N] [--baseline S] [--warmup S]");
        return 2;
    }

    options[args[i]] = value;
}

var (rate, seconds, gates) = (options["--rate"], options["--duration"], (int)options["--gates"]);
if (gates > GateTraffic.Series.Length)
{
    Console.Error.WriteLine($"--gates is at most {GateTraffic.Series.Length} (one plate series per gate)");
    return 2;
}

var count = (int)(rate * seconds);
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
var clock = Stopwatch.StartNew();
// This machine is shared: the load of the moment goes with every figure.
static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

Console.WriteLine("starting parking and the gateway (fresh database) ...");
await using var parking = new BenchHost<Platform.Parking.Api.Program>("parking");
await parking.StartQuietlyAsync();
await using var gateway = new BenchHost<Platform.Gateway.Program>("gateway", new Dictionary<string, string?>
{
    // A gate operator's REST events count against its client's limit (default 1,200 a minute); set far above the load.
    ["RateLimits:ClientPerMinute"] = "10000000",
    ["ReverseProxy:Clusters:parking:Destinations:primary:Address"] = parking.HttpAddress.ToString(),
    ["ReverseProxy:Clusters:parking-grpc:Destinations:primary:Address"] = parking.GrpcAddress.ToString(),
});
await gateway.StartQuietlyAsync();

var companyId = Guid.NewGuid();
var operatorId = Guid.NewGuid();
// As governance publishes it: the parking host's own broker user may publish only parking's events (ADR-016).
var community = await parking.SeedCommunityAsync(companyId);
using var company = gateway.CreateHttpClient().WithToken(TestTokens.WithDefaults(OrganisationTypes.PropertyCompany, companyId));
async Task<Guid> NewLot(string name)
{
    var response = await company.PostAsJsonAsync($"/api/parking/v1/communities/{community}/lots", new
    {
        name, capacity = 2000, operatorId, visitorSpaceOwnership = "OwnersCommon", tariff = new { freeMinutes = 15, fenPerHour = 500, dailyCapFen = 3000 },
    });
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}

var restLot = await NewLot("REST 停车场");
var streamLot = await NewLot("gRPC 停车场");
// What identity gives an operator: parking.read and parking.gates (gate events, occupancy), nothing of the company's.
var operatorToken = TestTokens.WithDefaults(OrganisationTypes.ParkingOperator, operatorId);
using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = gateway.HttpAddress };
var loop = new OpenLoop(http, TimeSpan.FromSeconds(10), maxInFlight: 3000);
HttpRequestMessage Authorized(HttpMethod method, string path, HttpContent? content = null) =>
    new(method, path) { Content = content, Headers = { Authorization = new("Bearer", operatorToken) } };
static Task<Guid?> NoReceipt(HttpResponseMessage _) => Task.FromResult<Guid?>(null);
HttpRequestMessage RestEvent(Guid lot, PlannedEvent planned) => Authorized(HttpMethod.Post, $"/api/parking/v1/lots/{lot}/gate-events", new StringContent(
    JsonSerializer.Serialize(new { gateId = "rest-1", plate = planned.Plate, direction = planned.Entry ? "Entry" : "Exit", at = DateTimeOffset.UtcNow - planned.EnteredAgo }),
    Encoding.UTF8, "application/json"));

// Until the JIT has compiled the hot paths at full optimisation (tiered compilation, on these two cores), the first
// seconds run slower; 5 s of warm-up left the REST p99 at 100-290 ms, 20 s at about 20 ms.
Console.WriteLine($"warm-up: {options["--warmup"]} s of REST events and reads, then of gRPC events, at {rate}/s (not counted)");
var warmup = GateTraffic.Plan((int)(rate * options["--warmup"]), 'W', 50, 1);
var warmupLot = await NewLot("预热");
await loop.RunAsync(warmup.Count, rate, i => i % 2 == 0 ? RestEvent(warmupLot, warmup[i]) : Authorized(HttpMethod.Get, $"/api/parking/v1/lots/{warmupLot}"), NoReceipt);
using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress);
var headers = new Metadata { { "Authorization", $"Bearer {operatorToken}" } };
GateEvent StreamEvent(Guid lot, PlannedEvent planned, int i) => new()
{
    EventId = i.ToString(CultureInfo.InvariantCulture), LotId = lot.ToString(), GateId = $"gate-{i % gates}", Plate = planned.Plate,
    Direction = planned.Entry ? Direction.Entry : Direction.Exit, At = (DateTimeOffset.UtcNow - planned.EnteredAgo).ToString("O"),
};
var warmupStreams = Enumerable.Range(0, gates).Select(g => GateTraffic.Plan(warmup.Count / gates + 1, GateTraffic.Series[g], 30, 100 + g)).ToArray();
await new StreamLoop(new GateControl.GateControlClient(channel), headers, gates)
    .RunAsync(warmup.Count, rate, i => StreamEvent(warmupLot, warmupStreams[i % gates][i / gates], i));

var baselineCount = (int)(rate * options["--baseline"]);
Console.WriteLine($"[load {Load()}] baseline: GET /api/parking/v1/lots/{{id}} through the gateway, {baselineCount} at {rate}/s");
var baseline = LatencySummary.Of(await loop.RunAsync(baselineCount, rate, _ => Authorized(HttpMethod.Get, $"/api/parking/v1/lots/{restLot}"), NoReceipt));

Console.WriteLine($"[load {Load()}] REST: {count} gate events at {rate}/s through the gateway");
var restPlan = GateTraffic.Plan(count, 'R', 100, 2);
var restOutcomes = await loop.RunAsync(count, rate, i => RestEvent(restLot, restPlan[i]), NoReceipt);
var rest = LatencySummary.Of(restOutcomes);

Console.WriteLine($"[load {Load()}] gRPC: {count} gate events at {rate}/s over {gates} streams through the gateway");
var streamPlans = Enumerable.Range(0, gates).Select(g => GateTraffic.Plan(count / gates + 1, GateTraffic.Series[g], 30, 10 + g)).ToArray();
var (streamOutcomes, decisions) = await new StreamLoop(new GateControl.GateControlClient(channel), headers, gates)
    .RunAsync(count, rate, i => StreamEvent(streamLot, streamPlans[i % gates][i / gates], i));
var grpc = LatencySummary.Of(streamOutcomes);

// Every event decided and recorded once; the live count equal to the database's.
var problems = new List<string>();
foreach (var (name, lot, outcomes) in new[] { ("REST", restLot, restOutcomes), ("gRPC", streamLot, streamOutcomes) })
{
    var refused = outcomes.Count(o => o.Status != 200);
    var recorded = await Sql.CountAsync(parking.DatabaseConnectionString, "gate_events", $"lot_id = '{lot}'");
    var inside = await Sql.CountAsync(parking.DatabaseConnectionString, "parking_sessions", $"lot_id = '{lot}' AND exited_at IS NULL");
    var live = (await company.GetFromJsonAsync<JsonElement>($"/api/parking/v1/lots/{lot}/occupancy")).GetProperty("occupied").GetInt64();
    Console.WriteLine($"{name}: {outcomes.Length - refused} decided, {refused} refused; {recorded} gate events recorded; inside {inside} (database), {live} (live)");
    if (refused > 0 || recorded != outcomes.Length || inside != live)
    {
        problems.Add(name);
    }
}

var paid = decisions.Count(d => d.FeeFen > 0);
Console.WriteLine();
Console.WriteLine($"rate {rate}/s, {count} events per transport, {gates} gRPC streams; {paid} paid exits on the gRPC lot");
void Line(string name, LatencySummary s) =>
    Console.WriteLine($"{name,-9} sent {s.SendRate,6:0.0}/s done {s.CompletedRate,6:0.0}/s | from scheduled {s.Scheduled} | from sent {s.Sent}");
Line("baseline", baseline);
Line("REST", rest);
Line("gRPC", grpc);
string Ratio(LatencySummary s) => $"p50 {s.Scheduled.P50 / baseline.Scheduled.P50:0.00}x  p99 {s.Scheduled.P99 / baseline.Scheduled.P99:0.00}x";
Console.WriteLine($"against the baseline read: REST {Ratio(rest)}; gRPC {Ratio(grpc)}");
Console.WriteLine($"goal p99 under 50 ms: REST {(rest.Scheduled.P99 < TimeSpan.FromMilliseconds(50) ? "met" : "missed")}, gRPC {(grpc.Scheduled.P99 < TimeSpan.FromMilliseconds(50) ? "met" : "missed")}");
Console.WriteLine($"load average at the end {Load()}; total {clock.Elapsed.TotalSeconds:0} s");
if (problems.Count > 0)
{
    Console.Error.WriteLine($"events refused, lost or miscounted on: {string.Join(", ", problems)}");
    return 1;
}

return 0;
