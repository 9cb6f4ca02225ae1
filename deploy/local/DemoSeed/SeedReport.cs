namespace Platform.DemoSeed;

/// <summary>What the seed found and made: per kind how many records, how many of them new in this run.</summary>
public sealed class SeedReport
{
    private readonly Dictionary<string, (int Total, int Created)> _counts = [];
    private readonly List<string> _imports = [];

    public List<Township> Townships { get; set; } = [];

    public List<PropertyCompany> Companies { get; set; } = [];

    /// <summary>Every community, as the administrator's token lists them.</summary>
    public List<Community> Communities { get; set; } = [];

    public T Count<T>(string kind, Seeded<T> seeded)
    {
        var (total, created) = _counts.GetValueOrDefault(kind);
        _counts[kind] = (total + 1, created + (seeded.Created ? 1 : 0));
        return seeded.Value;
    }

    public void Imported(string community, RegisterImportResult result) =>
        _imports.Add($"{community}: {result.Rows} rows, {result.UnitsCreated} units new, {result.UnitsUnchanged} unchanged, " +
                     $"{result.BuildingsCreated} buildings and {result.OwnersCreated} owners new");

    public void Print(TextWriter output)
    {
        output.WriteLine("[demo] demo county seeded:");
        foreach (var (kind, (total, created)) in _counts)
        {
            output.WriteLine($"[demo]   {kind,-20} {total,3}  ({created} new in this run)");
        }

        foreach (var import in _imports)
        {
            output.WriteLine($"[demo]   CSV import {import}");
        }

        output.WriteLine($"[demo]   the gateway lists {Communities.Count} communities: " +
                         string.Join(", ", Communities.Select(c => $"{c.Name} ({c.StarLevel}★{(c.IsOldCommunity ? ", old" : "")})")));
    }
}
