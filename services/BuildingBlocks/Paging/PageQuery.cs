using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Validation;

namespace Platform.BuildingBlocks.Paging;

/// <summary>
/// Where a page of a list starts and how long it is, from the query string: <c>offset</c> from 0, <c>limit</c> 1 to
/// <see cref="MaxLimit"/> (100 by default). Bound with <c>[AsParameters]</c>; out of range is a 400 naming the field.
/// </summary>
public sealed record PageQuery(int? Offset, int? Limit) : IValidatableRequest
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 500;

    public int Skip => Offset ?? 0;

    public int Take => Limit ?? DefaultLimit;

    public void Validate(ValidationErrors errors)
    {
        if (Offset is not null)
        {
            errors.InRange("offset", Offset, 0, int.MaxValue);
        }

        if (Limit is not null)
        {
            errors.InRange("limit", Limit, 1, MaxLimit);
        }
    }
}

public static class PageQueries
{
    /// <summary>One page of an ordered query with the count of all it matches: a list never ends silently.</summary>
    public static async Task<Page<TItem>> PageAsync<TRow, TItem>(
        this IQueryable<TRow> ordered, PageQuery page, Func<TRow, TItem> item, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var rows = await ordered.Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        return new Page<TItem>(rows.Select(item).ToList(), total, page.Skip, page.Take);
    }

    /// <summary>One page of a list already in memory (one computed from a few aggregates), with its total.</summary>
    public static Page<TItem> Page<TItem>(this IReadOnlyList<TItem> all, PageQuery page) =>
        new(all.Skip(page.Skip).Take(page.Take).ToList(), all.Count, page.Skip, page.Take);
}
