using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Validation;

namespace Platform.Parking.Api;

/// <summary>Where a page of a list starts and how long it is: <c>offset</c> from 0, <c>limit</c> 1 to 500, 100 by default.</summary>
public sealed record PageQuery(int? Offset, int? Limit) : IValidatableRequest
{
    public const int MaxLimit = 500;

    public const int DefaultLimit = 100;

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

public static class Paging
{
    /// <summary>One page of an ordered query with the total it is a page of: never a silent cut.</summary>
    public static async Task<Page<TItem>> PageAsync<TRow, TItem>(
        this IOrderedQueryable<TRow> rows, PageQuery page, Func<TRow, int, TItem> item, CancellationToken ct)
    {
        var total = await rows.CountAsync(ct);
        var items = await rows.Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        return new Page<TItem>(items.Select((row, i) => item(row, page.Skip + i)).ToList(), total, page.Skip, page.Take);
    }
}
