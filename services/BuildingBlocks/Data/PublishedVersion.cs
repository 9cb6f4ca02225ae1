using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// A published disclosure (公示) of a community for a period ("2026-Q3", or "2026-10..2026-11" on demand): an immutable
/// version whose <c>Content</c> is the JSON exactly as published and <c>ContentHash</c> its SHA-256, so a reader can check
/// it. Publishing a period again adds the next version; the earlier ones stay as they were (a trigger refuses changes).
/// </summary>
public abstract class PublishedVersion
{
    public Guid Id { get; init; }

    public Guid CommunityId { get; init; }

    public string Period { get; init; } = "";

    public bool IsQuarterly { get; init; }

    public int Version { get; init; }

    public string Content { get; init; } = "";

    public string ContentHash { get; init; } = "";

    public string PublishedBy { get; init; } = "";

    public DateTimeOffset PublishedAt { get; init; }

    /// <summary>
    /// The next version of a community's disclosure for a period, added to <paramref name="db"/>: one publisher per community
    /// at a time (an advisory lock), numbered after the versions before it, its content serialised once and hashed.
    /// </summary>
    public static async Task<T> NextAsync<T>(
        DbContext db, Guid communityId, string period, bool isQuarterly, Func<Task<object>> compile, JsonSerializerOptions json, string publishedBy,
        DateTimeOffset now, CancellationToken ct) where T : PublishedVersion, new()
    {
        await db.Database.AcquireAsync($"{typeof(T).Name}:{communityId}", ct);
        var version = await db.Set<T>().IgnoreQueryFilters().CountAsync(d => d.CommunityId == communityId && d.Period == period, ct) + 1;
        var content = JsonSerializer.Serialize(await compile(), json);
        var published = new T
        {
            Id = Guid.CreateVersion7(now), CommunityId = communityId, Period = period, IsQuarterly = isQuarterly, Version = version, Content = content,
            ContentHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content))), PublishedBy = publishedBy, PublishedAt = now,
        };
        db.Set<T>().Add(published);
        return published;
    }

    /// <summary>The table of a service's published versions: one row per (community, period, version).</summary>
    public static void Configure<T>(EntityTypeBuilder<T> builder, string table) where T : PublishedVersion
    {
        builder.ToTable(table);
        builder.Property(d => d.Period).HasMaxLength(20);
        builder.Property(d => d.ContentHash).HasMaxLength(64);
        builder.Property(d => d.PublishedBy).HasMaxLength(100);
        builder.HasIndex(d => new { d.CommunityId, d.Period, d.Version }).IsUnique();
    }
}
