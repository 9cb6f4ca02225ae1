using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace Platform.Deploy.Tests;

/// <summary>
/// The chart as `helm template` renders it, every document deserialised into the Kubernetes API models of
/// KubernetesClient with unknown fields refused: a misspelt or misplaced field fails the load.
/// </summary>
public sealed class RenderedChart
{
    private RenderedChart(string yaml, IReadOnlyList<object> objects)
    {
        Yaml = yaml;
        Objects = objects;
    }

    public string Yaml { get; }

    public IReadOnlyList<object> Objects { get; }

    public static readonly string[] Hosts = ["gateway", "identity", "governance", "fees", "funds", "parking", "eldercare"];

    /// <summary>The hosts that own a database, and so a migration Job.</summary>
    public static readonly string[] Databases = ["identity", "governance", "fees", "funds", "parking", "eldercare"];

    private static readonly ConcurrentDictionary<string, Lazy<RenderedChart>> Renders = new();

    /// <summary>Rendered once per set of values and test run: the chart does not change while the tests run.</summary>
    public static RenderedChart Render(ChartValues values) =>
        Renders.GetOrAdd(values.ToString(), _ => new Lazy<RenderedChart>(() => Load(Helm.Template(values)))).Value;

    public static RenderedChart Load(string yaml) => new(yaml, KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true));

    /// <summary>The documents of a multi-document YAML stream that hold anything but comments.</summary>
    public static IReadOnlyList<string> Documents(string yaml) =>
        yaml.Split("\n---", StringSplitOptions.RemoveEmptyEntries)
            .Where(document => document.Split('\n').Any(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith('#') && line.Trim() != "---"))
            .ToList();

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T Named<T>(string name)
        where T : IKubernetesObject<V1ObjectMeta> =>
        All<T>().SingleOrDefault(item => item.Metadata.Name == name)
        ?? throw new InvalidOperationException($"No {typeof(T).Name} named {name} rendered.");

    /// <summary>Every pod the chart makes: the hosts' Deployments and the migration Jobs.</summary>
    public IEnumerable<(string Owner, V1PodTemplateSpec Template)> PodTemplates() =>
        All<V1Deployment>().Select(deployment => ($"Deployment {deployment.Metadata.Name}", deployment.Spec.Template))
            .Concat(All<V1Job>().Select(job => ($"Job {job.Metadata.Name}", job.Spec.Template)));
}
