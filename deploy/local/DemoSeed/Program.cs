using System.Text;
using System.Text.Json;
using Platform.DemoSeed;

Console.OutputEncoding = Encoding.UTF8;
if (SeedOptions.Parse(args) is not { } options)
{
    Console.Error.WriteLine(SeedOptions.Usage);
    return 2;
}

if (options.ClientSecret is null)
{
    Console.Error.WriteLine($"[demo] Demo seed failed: no secret for the administrator {options.ClientId}: pass --client-secret or set " +
                            $"{SeedOptions.ClientSecretVariable} (./run.sh sets it from /var/tmp/platform-dev-keys/admin-secret)");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
// Anonymous: the gateway's probe and the token endpoint. Service health and the APIs take the administrator's token.
using var http = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromSeconds(30) };
try
{
    var tokens = new AccessTokenSource(http, options.ClientId, options.ClientSecret);
    await new GatewayReadiness(http, tokens, options.RequiredServices).WaitAsync(options.Wait, cancel.Token);
    var api = new GatewayApi(http, tokens);
    var report = await new DemoCounty(new RegistryClient(api)).SeedAsync(cancel.Token);
    report.Print(Console.Out);

    var clients = new DemoClients(new IdentityClient(api), http);
    await clients.EnsureAsync(report, cancel.Token);
    clients.Print(Console.Out, options.Gateway);
    if (options.ClientsFile is { } file)
    {
        clients.WriteFile(file, options.Gateway);
    }

    return 0;
}
catch (Exception exception) when (exception is SeedException or HttpRequestException or TaskCanceledException or JsonException or IOException)
{
    Console.Error.WriteLine($"[demo] Demo seed failed: {exception.Message}");
    return 1;
}
