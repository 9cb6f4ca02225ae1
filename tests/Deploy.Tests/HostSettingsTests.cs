using System.Text.Json;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Platform.Deploy.Tests;

/// <summary>Every setting the chart gives a host is one the host reads: no misspelt key that silently does nothing.</summary>
public sealed partial class HostSettingsTests
{
    private static readonly Dictionary<string, string> HostFolders = new()
    {
        ["gateway"] = "gateway/Gateway",
        ["identity"] = "services/Identity",
        ["governance"] = "services/Governance",
        ["fees"] = "services/Fees",
        ["funds"] = "services/Funds",
        ["parking"] = "services/Parking",
        ["eldercare"] = "services/ElderCare",
    };

    public static TheoryData<string> ValuesFiles => new() { "default", "production" };

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Every_setting_in_the_chart_is_a_key_its_host_reads(string values)
    {
        var chart = RenderedChart.Render(ChartValues.Named(values));

        Assert.All(chart.All<V1Deployment>(), deployment => Assert.All(deployment.Spec.Template.Spec.Containers[0].Env, variable =>
        {
            if (!PlatformIndependent().IsMatch(variable.Name))
            {
                Assert.True(Reads(deployment.Metadata.Name, variable.Name), $"{deployment.Metadata.Name} reads no setting {variable.Name}");
            }
        }));
    }

    [Fact]
    public void A_misspelt_setting_is_caught()
    {
        Assert.True(Reads("identity", "Identity__SigningKey"));
        Assert.False(Reads("identity", "Identity__SigningKee"));
        Assert.False(Reads("gateway", "ConnectionStrings__governance"));
        Assert.True(Reads("governance", "ConnectionStrings__governance"));
    }

    /// <summary>
    /// A key is read when its first two sections appear as a literal in the host's or the building blocks' code
    /// ("Registry:IdentityHashKey"), or its sections are a path in the host's appsettings.json (options bound from
    /// there); a connection string when it is the host's own database, the broker or Redis.
    /// </summary>
    private static bool Reads(string host, string variable)
    {
        var sections = variable.Split("__").Where(section => !section.All(char.IsAsciiDigit)).ToArray();
        if (sections[0] == "ConnectionStrings")
        {
            return sections.Length == 2 && (sections[1] == host || sections[1] is "rabbitmq" or "redis") && Code(host).Contains($"\"{host}\"", StringComparison.Ordinal);
        }

        var literal = string.Join(':', sections.Take(2));
        return Code(host).Contains($"\"{literal}", StringComparison.OrdinalIgnoreCase) || HasPath(Settings(host), sections.Take(3).ToArray());
    }

    private static string Code(string host) => string.Join('\n',
        new[] { HostFolders[host], "services/BuildingBlocks" }.SelectMany(folder =>
            Directory.GetFiles(Checkout.PathOf(folder), "*.cs", SearchOption.AllDirectories)
                .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
                .Select(File.ReadAllText)));

    private static JsonElement Settings(string host)
    {
        var file = Directory.GetFiles(Checkout.PathOf(HostFolders[host]), "appsettings.json", SearchOption.AllDirectories)
            .Single(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal));
        return JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }).RootElement;
    }

    private static bool HasPath(JsonElement element, string[] sections)
    {
        foreach (var section in sections)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var next = element.EnumerateObject().FirstOrDefault(property => string.Equals(property.Name, section, StringComparison.OrdinalIgnoreCase));
            if (next.Value.ValueKind == JsonValueKind.Undefined)
            {
                return false;
            }

            element = next.Value;
        }

        return true;
    }

    /// <summary>Settings of the runtime and OpenTelemetry's own, not the platform's.</summary>
    [GeneratedRegex("^(ASPNETCORE_ENVIRONMENT|OTEL_[A-Z_]+|K8S_POD_NAME)$")]
    private static partial Regex PlatformIndependent();
}
