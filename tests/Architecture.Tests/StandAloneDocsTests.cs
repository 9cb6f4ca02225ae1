using System.Text.RegularExpressions;

namespace Platform.Architecture.Tests;

/// <summary>
/// A clone stands alone: the design decisions and the plan are in docs/ (design.md, plan.md), so no file points to
/// documents outside the repository, and every relative link in the docs leads to a file that exists.
/// </summary>
public sealed partial class StandAloneDocsTests
{
    private static readonly string[] Folders = ["docs", "services", "gateway", "contracts", "tests", "deploy", "bench"];

    [Fact]
    public void No_file_points_to_design_documents_outside_the_repository()
    {
        var outside = TextFiles()
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(hit => OutsideReference().IsMatch(hit.line))
            .Select(hit => $"{Path.GetRelativePath(Repository.Root, hit.path)}:{hit.index + 1}: {hit.line.Trim()}")
            .ToList();

        Assert.True(outside.Count == 0, string.Join("\n", outside));
    }

    [Fact]
    public void The_check_catches_a_pointer_outside_the_repository()
    {
        // Spelled in pieces, so this file does not match its own check.
        Assert.Matches(OutsideReference(), "see ../" + "shared/design.md rule 4");
        Assert.Matches(OutsideReference(), "/// <summary>" + "SEED" + ".md item 9</summary>");
        Assert.DoesNotMatch(OutsideReference(), "docs/design.md rule 4 and docs/plan.md item 9");
    }

    [Fact]
    public void Every_relative_link_in_the_docs_leads_to_a_file_of_the_repository()
    {
        var broken = Directory.EnumerateFiles(Path.Combine(Repository.Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(Repository.Root, "README.md"))
            .SelectMany(path => MarkdownLink().Matches(File.ReadAllText(path))
                .Select(match => (path, target: match.Groups["target"].Value.Split('#')[0])))
            .Where(link => link.target.Length > 0 && !link.target.Contains("://", StringComparison.Ordinal))
            .Where(link => !Path.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(link.path)!, link.target))))
            .Select(link => $"{Path.GetRelativePath(Repository.Root, link.path)} → {link.target}")
            .ToList();

        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    private static IEnumerable<string> TextFiles() =>
        Folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Repository.Root, folder), "*", SearchOption.AllDirectories))
            .Append(Path.Combine(Repository.Root, "README.md"))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin" or "node_modules"))
            .Where(path => Path.GetExtension(path) is ".md" or ".cs" or ".sh" or ".yaml" or ".yml" or ".tpl" or ".json" or ".props");

    [GeneratedRegex(@"\.\./shared/|(?<![\w/.])(DESIGN|SEED|STYLE)\.md")]
    private static partial Regex OutsideReference();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
