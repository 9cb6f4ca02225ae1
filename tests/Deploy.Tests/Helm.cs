namespace Platform.Deploy.Tests;

/// <summary>helm v4.1.4 as deploy/helm/install-helm.sh installs it, run on deploy/helm/platform.</summary>
internal static class Helm
{
    public const string Chart = "deploy/helm/platform";
    public const string ReleaseName = "platform";
    public const string Namespace = "platform";

    private static readonly Lazy<string> Executable = new(() =>
        Command.Run("bash", [Checkout.PathOf("deploy/helm/install-helm.sh")], TimeSpan.FromMinutes(5))
            .Succeeded("deploy/helm/install-helm.sh").Output.Trim());

    public static CommandResult Lint(ChartValues values) =>
        Command.Run(Executable.Value, ["lint", "--strict", Checkout.PathOf(Chart), .. values.Arguments()], TimeSpan.FromMinutes(2));

    public static string Template(ChartValues values) =>
        Command.Run(
                Executable.Value,
                ["template", ReleaseName, Checkout.PathOf(Chart), "--namespace", Namespace, .. values.Arguments()],
                TimeSpan.FromMinutes(2))
            .Succeeded($"helm template ({values})").Output;
}

/// <summary>The values a render uses: the chart's defaults, or a values file, plus --set overrides.</summary>
public sealed record ChartValues(string Name, string? File, IReadOnlyList<string> Sets)
{
    public static readonly ChartValues Default = new("default", null, []);
    public static readonly ChartValues Production = new("production", "deploy/helm/values-production.yaml", []);

    public static ChartValues Named(string name) => name switch
    {
        "default" => Default,
        "production" => Production,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public ChartValues With(string set) => this with { Sets = [.. Sets, set] };

    public IEnumerable<string> Arguments()
    {
        if (File is not null)
        {
            yield return "--values";
            yield return Checkout.PathOf(File);
        }

        foreach (var set in Sets)
        {
            yield return "--set";
            yield return set;
        }
    }

    public override string ToString() => Sets.Count == 0 ? Name : $"{Name} with {string.Join(", ", Sets)}";
}
