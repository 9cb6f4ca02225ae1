using System.Diagnostics;

namespace Platform.Deploy.Tests;

/// <summary>
/// Builds the gateway's image once for the image tests, as county IT or CI would: deploy/images.sh gateway
/// (offline: the locally made base image from a loopback registry; warm runs take seconds, a cold one a few minutes).
/// </summary>
public sealed class GatewayImageFixture : IDisposable
{
    public GatewayImageFixture()
    {
        OutputFolder = Directory.CreateTempSubdirectory("platform-images-").FullName;
        var watch = Stopwatch.StartNew();
        var build = Command.Run(
            "bash",
            [Checkout.PathOf("deploy/images.sh"), "gateway"],
            TimeSpan.FromMinutes(15),
            new Dictionary<string, string> { ["PLATFORM_IMAGES_OUT"] = OutputFolder });
        BuildTime = watch.Elapsed;
        BuildLog = build.Error;
        build.Succeeded("deploy/images.sh gateway");
        ArchivePath = build.Output.Trim();
        Image = ImageArchive.Open(ArchivePath);
    }

    public string OutputFolder { get; }

    public string ArchivePath { get; }

    public ImageArchive Image { get; }

    public TimeSpan BuildTime { get; }

    public string BuildLog { get; }

    public void Dispose() => Directory.Delete(OutputFolder, recursive: true);
}
