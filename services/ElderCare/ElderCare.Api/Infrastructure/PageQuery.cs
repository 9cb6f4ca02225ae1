using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Validation;

namespace Platform.ElderCare.Api.Infrastructure;

/// <summary>Where a page of an eldercare list starts and how long it is: offset from 0, limit 1 to <see cref="MaxLimit"/>.</summary>
public sealed record PageQuery(int? Offset, int? Limit) : IValidatableRequest
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 500;

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
    /// <summary>One page of an ordered query, with the count of all it matches: a list never ends silently.</summary>
    public static async Task<Page<TItem>> PageAsync<TRow, TItem>(
        this IQueryable<TRow> ordered, PageQuery page, Func<TRow, TItem> map, CancellationToken ct)
    {
        var (offset, limit) = (page.Offset ?? 0, page.Limit ?? PageQuery.DefaultLimit);
        var total = await ordered.CountAsync(ct);
        var rows = await ordered.Skip(offset).Take(limit).ToListAsync(ct);
        return new Page<TItem>(rows.Select(map).ToList(), total, offset, limit);
    }
}
