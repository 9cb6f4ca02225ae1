namespace Platform.TestKit;

/// <summary>What tests need of any running host, whichever service it is.</summary>
public interface IServiceHost : IAsyncDisposable
{
    string ServiceName { get; }

    Uri HttpAddress { get; }

    Uri GrpcAddress { get; }

    string DatabaseConnectionString { get; }

    string OwnerConnectionString { get; }

    IServiceProvider Services { get; }

    Task StartAsync();

    HttpClient CreateHttpClient();
}
