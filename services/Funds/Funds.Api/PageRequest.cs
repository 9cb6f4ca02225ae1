using Microsoft.AspNetCore.Http.HttpResults;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Validation;

namespace Platform.Funds.Api;

/// <summary>
/// <c>?offset=&amp;limit=</c> of every funds list: validated (400 naming the field), never cut silently — the answer is a
/// <see cref="Page{T}"/> with the total, and a caller pages on.
/// </summary>
public sealed record PageRequest(int Offset = 0, int Limit = PageRequest.DefaultLimit)
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 500;

    /// <summary>The offset and limit checked into <paramref name="errors"/>, for lists that check more fields.</summary>
    public static ValidationErrors Check(ValidationErrors errors, int offset, int limit) =>
        errors.InRange("offset", (int?)offset, 0, int.MaxValue).InRange("limit", (int?)limit, 1, MaxLimit);

    /// <summary>The 400 that names the bad field, or null when the page may be read.</summary>
    public ValidationProblem? Refused() =>
        Check(new ValidationErrors(), Offset, Limit) is { IsEmpty: false } errors ? Problems.Validation(errors, FundsText.Messages) : null;

    public Page<T> Of<T>(IReadOnlyList<T> items, int total) => new(items, total, Offset, Limit);
}
