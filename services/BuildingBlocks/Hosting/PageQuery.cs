using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Validation;

namespace Platform.BuildingBlocks.Hosting;

/// <summary>
/// <c>?offset=&amp;limit=</c> of every list: <c>offset</c> from 0, <c>limit</c> 1 to <see cref="MaxLimit"/>, 100 by default.
/// Bound with <c>[AsParameters]</c> and checked by the request validation filter (a 400 naming the field); the answer is
/// a <see cref="Page{T}"/> with the total, never a silent cut.
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

    /// <summary>This page of a list of <paramref name="total"/> items.</summary>
    public Page<T> Of<T>(IReadOnlyList<T> items, int total) => new(items, total, Skip, Take);
}

public static class Paging
{
    /// <summary>One page of an ordered query with the total it is a page of; <paramref name="item"/> also gets the row's position.</summary>
    public static async Task<Page<TItem>> PageAsync<TRow, TItem>(
        this IQueryable<TRow> ordered, PageQuery page, Func<TRow, int, TItem> item, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var rows = await ordered.Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        return page.Of(rows.Select((row, i) => item(row, page.Skip + i)).ToList(), total);
    }

    /// <summary>One page of an ordered query with the total it is a page of.</summary>
    public static Task<Page<TItem>> PageAsync<TRow, TItem>(
        this IQueryable<TRow> ordered, PageQuery page, Func<TRow, TItem> item, CancellationToken ct) =>
        ordered.PageAsync(page, (row, _) => item(row), ct);

    /// <summary>One page of a list already in memory (one computed from a few aggregates), with its total.</summary>
    public static Page<TItem> Page<TItem>(this IReadOnlyList<TItem> all, PageQuery page) =>
        page.Of(all.Skip(page.Skip).Take(page.Take).ToList(), all.Count);
}
