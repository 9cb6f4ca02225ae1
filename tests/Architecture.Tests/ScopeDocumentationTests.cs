using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Security;
using Platform.Identity.Api.Clients;

namespace Platform.Architecture.Tests;

/// <summary>
/// docs/identity.md tells departments and partners which scopes exist, who may hold them and what each organisation
/// gets by default; the code decides. These tests read the three tables and compare them with the code, both ways.
/// </summary>
public sealed partial class ScopeDocumentationTests
{
    private static readonly string[] Document = File.ReadAllLines(Path.Combine(Repository.Root, "docs", "identity.md"));

    [Fact]
    public void Every_scope_in_the_code_is_documented_with_what_it_opens_and_no_other()
    {
        var documented = Table("| scope | what it opens |").Select(row => row.Single(0)).ToList();

        Assert.Equal(documented.Distinct().Count(), documented.Count);
        Assert.Equal(Scopes.All.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_scopes_only_some_organisations_may_hold_are_the_ones_the_code_restricts()
    {
        var documented = Table("| scope | only for |").ToDictionary(row => row.Single(0), row => row.Cells[1]);
        var restricted = Scopes.All.Where(scope => ScopeGrants.HoldersOf(scope) is not null);

        Assert.Equal(restricted.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (scope, holders) in documented)
        {
            Assert.True(
                ScopeGrants.HoldersOf(scope)!.Order(StringComparer.Ordinal).SequenceEqual(holders.Order(StringComparer.Ordinal)),
                $"{scope}: the docs say {string.Join(", ", holders)}, the code {string.Join(", ", ScopeGrants.HoldersOf(scope)!)}");
        }
    }

    [Fact]
    public void Every_organisation_types_default_scopes_are_the_ones_documented()
    {
        var documented = Table("| organisation type | default scopes |").ToDictionary(row => row.Single(0), row => row.Cells[1]);
        var registrable = OrganisationTypes.Departments.Concat(OrganisationTypes.Partners).Append(OrganisationTypes.Owner)
            .Where(type => type == OrganisationTypes.Owner || ClientScopeRules.MayBeRegistered(type));

        Assert.Equal(registrable.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (type, scopes) in documented)
        {
            var defaults = ScopeGrants.Defaults(type);
            Assert.True(
                defaults.Order(StringComparer.Ordinal).SequenceEqual(scopes.Order(StringComparer.Ordinal)),
                $"{type}: the docs say {string.Join(", ", scopes)}, the code {string.Join(", ", defaults)}");
            Assert.All(defaults, scope => Assert.True(ScopeGrants.MayHold(type, scope), $"{type} gets {scope} by default but may not hold it"));
        }
    }

    [Fact]
    public void Every_scope_a_document_names_exists()
    {
        var services = Scopes.All.Select(scope => scope[..scope.IndexOf('.', StringComparison.Ordinal)]).ToHashSet();
        var unknown = Directory.EnumerateFiles(Path.Combine(Repository.Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(Repository.Root, "README.md"))
            .SelectMany(path => ScopeMention().Matches(File.ReadAllText(path))
                .Select(match => (File: Path.GetRelativePath(Repository.Root, path), Scope: match.Groups["scope"].Value)))
            .Where(mention => services.Contains(mention.Scope[..mention.Scope.IndexOf('.', StringComparison.Ordinal)]))
            .Where(mention => !Scopes.All.Contains(mention.Scope))
            .Distinct()
            .ToList();

        Assert.True(unknown.Count == 0, string.Join("\n", unknown.Select(mention => $"{mention.File}: {mention.Scope}")));
    }

    /// <summary>The rows of the table under the header line, each cell's back-quoted names.</summary>
    private static List<Row> Table(string header)
    {
        var start = Array.FindIndex(Document, line => line.Trim() == header);
        Assert.True(start >= 0, $"docs/identity.md has no table \"{header}\"");
        return Document.Skip(start + 2)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => new Row(line.Trim('|').Split('|')
                .Select(cell => Quoted().Matches(Remark().Replace(cell, "")).Select(match => match.Groups[1].Value).ToList())
                .ToList()))
            .ToList();
    }

    private sealed record Row(List<List<string>> Cells)
    {
        /// <summary>The first back-quoted name of the cell: what the row is about.</summary>
        public string Single(int cell) => Cells[cell].First();
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Quoted();

    /// <summary>A remark in parentheses, e.g. "(`identity.admin` only when asked for)": not part of the list.</summary>
    [GeneratedRegex("\\([^)]*\\)")]
    private static partial Regex Remark();

    /// <summary>A back-quoted "service.action" in a document, e.g. `parking.gates` (and `parking.read/write`, which is no scope).</summary>
    [GeneratedRegex("`(?<scope>[a-z]+\\.[a-z/-]+)`")]
    private static partial Regex ScopeMention();
}
