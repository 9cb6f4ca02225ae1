using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace Platform.Deploy.Tests;

/// <summary>The gateway's image, built by deploy/images.sh offline, inspected and started from its own root filesystem.</summary>
public sealed class GatewayImageTests(GatewayImageFixture gateway) : IClassFixture<GatewayImageFixture>
{
    private const string AppUser = "1654";

    [Fact]
    public void The_image_script_writes_one_archive_named_after_the_host()
    {
        Assert.Equal(Path.Combine(gateway.OutputFolder, "gateway.tar"), gateway.ArchivePath);
        Assert.Equal(["gateway.tar"], Directory.GetFiles(gateway.OutputFolder).Select(Path.GetFileName));
    }

    [Fact]
    public void The_image_runs_as_the_non_root_app_user()
    {
        Assert.Equal(AppUser, gateway.Image.Config.GetProperty("User").GetString());
        Assert.Contains("app:x:1654:1654:", File.ReadAllText(Path.Combine(Rootfs.Value, "etc/passwd")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_exposes_the_http_and_grpc_ports()
    {
        var ports = gateway.Image.Config.GetProperty("ExposedPorts").EnumerateObject().Select(port => port.Name).Order();

        Assert.Equal(["8080/tcp", "8081/tcp"], ports);
        Assert.Contains("Ports__Http=8080", gateway.Image.Strings("Env"));
        Assert.Contains("Ports__Grpc=8081", gateway.Image.Strings("Env"));
    }

    [Fact]
    public void The_entrypoint_starts_the_gateway_assembly_that_the_image_holds()
    {
        Assert.Equal(["dotnet", "/app/Platform.Gateway.dll"], gateway.Image.Strings("Entrypoint"));
        var paths = gateway.Image.Paths();
        Assert.Contains("app/Platform.Gateway.dll", paths);
        Assert.Contains("app/appsettings.json", paths);
        Assert.Contains("app/Platform.BuildingBlocks.dll", paths);
        Assert.Contains("usr/share/dotnet/dotnet", paths);
        Assert.Contains(paths, path => path.StartsWith("usr/share/dotnet/shared/Microsoft.AspNetCore.App/10.0.", StringComparison.Ordinal));
        Assert.Contains(paths, path => path.StartsWith("usr/lib/x86_64-linux-gnu/libicu", StringComparison.Ordinal));
        Assert.Contains("etc/ssl/certs/ca-certificates.crt", paths);
    }

    [Fact]
    public void The_image_is_labelled_with_the_host_its_version_and_its_health_endpoints()
    {
        var labels = gateway.Image.Config.GetProperty("Labels");
        var appVersion = Checkout.Read("deploy/helm/platform/Chart.yaml").Split('\n')
            .Single(line => line.StartsWith("appVersion:", StringComparison.Ordinal)).Split(':')[1].Trim().Trim('"');

        Assert.Equal("gateway", labels.GetProperty("platform.county.gov.cn/service").GetString());
        Assert.Equal(appVersion, labels.GetProperty("org.opencontainers.image.version").GetString());
        Assert.Equal("/health/live", labels.GetProperty("platform.county.gov.cn/health.live").GetString());
        Assert.Equal("/health/ready", labels.GetProperty("platform.county.gov.cn/health.ready").GetString());
    }

    [Fact]
    public async Task The_image_answers_its_liveness_probe_running_as_its_own_user_from_its_own_files()
    {
        // No container engine runs here: the entrypoint runs in the unpacked root filesystem (a private mount
        // namespace with /proc and /dev, chrooted, the image's working directory, user and environment).
        var (http, grpc) = (FreePort(), FreePort());
        using var key = RSA.Create(2048);
        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Clear();
        foreach (var variable in gateway.Image.Strings("Env"))
        {
            var (name, value) = (variable[..variable.IndexOf('=')], variable[(variable.IndexOf('=') + 1)..]);
            start.Environment[name] = value;
        }

        start.Environment["Ports__Http"] = http.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Ports__Grpc"] = grpc.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Ports__Bind"] = "127.0.0.1";
        // Redis may be down (rate limits degrade, the process lives); tokens need the identity service's public key.
        start.Environment["PLATFORM_REDIS"] = "127.0.0.1:1";
        // As the chart gives it (a Secret); PLATFORM_AUTH_PUBLIC_KEY is read in Development only.
        start.Environment["Auth__SigningKeys__0"] = key.ExportSubjectPublicKeyInfoPem();
        string[] arguments =
        [
            "--mount", "--fork", "/bin/sh", "-c",
            "r=\"$0\" wd=\"$1\" uid=\"$2\"; shift 2; mkdir -p \"$r/proc\" \"$r/dev\" && mount --rbind /proc \"$r/proc\" && mount --rbind /dev \"$r/dev\" && " +
            "exec /usr/bin/unshare --root=\"$r\" --wd=\"$wd\" --setgid \"$uid\" --setuid \"$uid\" -- \"$@\"",
            Rootfs.Value, gateway.Image.Config.GetProperty("WorkingDir").GetString()!, gateway.Image.Config.GetProperty("User").GetString()!,
            .. gateway.Image.Strings("Entrypoint"),
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var answer = await WaitForHealthAsync(client, new Uri($"http://127.0.0.1:{http}/health/live"), process);
            Assert.True(answer == HttpStatusCode.OK, $"/health/live: {answer}\n{await Completed(output)}\n{await Completed(error)}");
            Assert.Equal(AppUser, UserOfProcessIn(Rootfs.Value));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private Lazy<string> Rootfs { get; } = new(() =>
    {
        var rootfs = Path.Combine(gateway.OutputFolder, "rootfs");
        gateway.Image.UnpackTo(rootfs);
        return rootfs;
    });

    private static async Task<HttpStatusCode?> WaitForHealthAsync(HttpClient client, Uri url, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                return (await client.GetAsync(url)).StatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(250);
            }
        }

        return null;
    }

    /// <summary>The real uid of the process whose root directory is the image's root filesystem.</summary>
    private static string? UserOfProcessIn(string rootfs)
    {
        foreach (var proc in Directory.GetDirectories("/proc").Where(dir => int.TryParse(Path.GetFileName(dir), out _)))
        {
            try
            {
                if (new DirectoryInfo(Path.Combine(proc, "root")).ResolveLinkTarget(returnFinalTarget: false)?.FullName == rootfs)
                {
                    return File.ReadLines(Path.Combine(proc, "status")).Single(line => line.StartsWith("Uid:", StringComparison.Ordinal))
                        .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return null;
    }

    private static async Task<string> Completed(Task<string> stream) =>
        await Task.WhenAny(stream, Task.Delay(TimeSpan.FromSeconds(5))) == stream ? stream.Result : "";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
