using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Checkpoints;

/// <summary>
/// A table of chained records as checkpoints see it: which column names a record's chain, which its place in it (the audit
/// trail's global sequence, a ledger's position). Registered per service (the audit trail by the building blocks).
/// Table and column names are code, never input, and checked to be plain identifiers: they are written into the SQL.
/// </summary>
public sealed partial record ChainLedger
{
    public static readonly ChainLedger AuditTrail = new("audit-trail", "audit_entries", "actor", "sequence");

    private readonly string _headsSql;
    private readonly string _rewrittenSql;

    public ChainLedger(string name, string table, string chainColumn, string positionColumn)
    {
        if (!new[] { table, chainColumn, positionColumn }.All(Identifier().IsMatch))
        {
            throw new ArgumentException($"Ledger {name}: table and column names are plain identifiers.");
        }

        Name = name;
        _headsSql = $"""
            SELECT DISTINCT ON ({chainColumn}) {chainColumn}::text AS chain_id, {positionColumn} AS position, hash AS head
            FROM {table} WHERE hash IS NOT NULL AND {positionColumn} IS NOT NULL ORDER BY {chainColumn}, {positionColumn} DESC
            """;
        _rewrittenSql = $$"""
            SELECT h.chain_id, h.position, h.head, h.checkpoint_sequence, t.hash AS found
            FROM (SELECT DISTINCT ON (chain_id) chain_id, position, head, checkpoint_sequence FROM chain_checkpoint_heads
                  WHERE ledger = {0} ORDER BY chain_id, checkpoint_sequence DESC) h
            LEFT JOIN {{table}} t ON t.{{chainColumn}}::text = h.chain_id AND t.{{positionColumn}} = h.position
            WHERE t.hash IS DISTINCT FROM h.head
            """;
    }

    public string Name { get; }

    [GeneratedRegex("^[a-z_]+$")]
    private static partial Regex Identifier();

    /// <summary>Every chain's head now: its last linked record's place and hash.</summary>
    public Task<List<HeadRow>> HeadsAsync(ServiceDbContext db, CancellationToken ct) =>
        db.Database.SqlQueryRaw<HeadRow>(_headsSql).ToListAsync(ct);

    /// <summary>The latest checkpointed head of each chain whose record at that place no longer carries it (or is gone).</summary>
    public Task<List<RewrittenHead>> RewrittenAsync(ServiceDbContext db, CancellationToken ct) =>
        db.Database.SqlQueryRaw<RewrittenHead>(_rewrittenSql, Name).ToListAsync(ct);

    /// <summary>Upper-case hex SHA-256 of "chain|position|head" lines in ordinal chain order: what a checkpoint signs per ledger.</summary>
    public static string Digest(IEnumerable<(string ChainId, long Position, string Head)> heads) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(
            heads.OrderBy(h => h.ChainId, StringComparer.Ordinal).Select(h => $"{h.ChainId}|{h.Position}|{h.Head}\n")))));
}

public sealed class HeadRow
{
    public required string ChainId { get; init; }

    public long Position { get; init; }

    public required string Head { get; init; }
}

public sealed class RewrittenHead
{
    public required string ChainId { get; init; }

    public long Position { get; init; }

    public required string Head { get; init; }

    public long CheckpointSequence { get; init; }

    public string? Found { get; init; }
}
