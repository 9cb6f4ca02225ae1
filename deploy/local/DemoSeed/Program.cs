using System.Text;
using Platform.DemoSeed;

Console.OutputEncoding = Encoding.UTF8;
if (SeedOptions.Parse(args) is not { } options)
{
    Console.Error.WriteLine(SeedOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
using var http = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromSeconds(30) };
try
{
    await new GatewayReadiness(http, options.RequiredServices).WaitAsync(options.Wait, cancel.Token);
    var report = await new DemoCounty(new RegistryClient(http)).SeedAsync(cancel.Token);
    report.Print(Console.Out);
    return 0;
}
catch (Exception exception) when (exception is SeedException or HttpRequestException or TaskCanceledException)
{
    Console.Error.WriteLine($"[demo] Demo seed failed: {exception.Message}");
    return 1;
}
