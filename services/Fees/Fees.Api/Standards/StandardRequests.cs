using Platform.BuildingBlocks.Validation;
using Platform.Fees.Domain.Billing;
using Platform.Fees.Domain.Standards;
using Platform.Contracts.Kernel.Periods;

namespace Platform.Fees.Api.Standards;

public sealed record PublishPriceBandRequest(int? Year, int? StarLevel, FeeUse? Use, long? BaseFen, int? FloatPercent) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) =>
        errors.InRange("year", Year, 2000, 2100).InRange("starLevel", StarLevel, 1, 5).Defined("use", Use)
            .InRange("baseFen", BaseFen, 1L, 100_000L).InRange("floatPercent", FloatPercent, 0, 100);
}

public sealed record PriceBandResponse(int Year, int StarLevel, FeeUse Use, long BaseFen, int FloatPercent, long LowestFen, long HighestFen, DateTimeOffset PublishedAt)
{
    public static PriceBandResponse From(PublishedPriceBand b) =>
        new(b.Year, b.StarLevel, b.Use, b.BaseFen, b.FloatPercent, b.ToBand().LowestFen, b.ToBand().HighestFen, b.PublishedAt);
}

/// <summary><c>reason</c>: only the housing bureau's, and only needed for a month already billed.</summary>
public sealed record SetFeeStandardRequest(FeeUse? Use, long? RateFen, string? EffectiveFrom, string? Reason = null) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Defined("use", Use).InRange("rateFen", RateFen, 1L, 100_000L);
        if (Reason is { Length: > 500 })
        {
            errors.Add("reason", "error.too_long", 500);
        }

        if (!BillingPeriod.TryParse(EffectiveFrom, out _))
        {
            errors.Add("effectiveFrom", "error.period_format");
        }
    }
}

/// <summary>A standard; <c>BilledMonthReason</c> says why the housing bureau recorded it into a month already billed.</summary>
public sealed record FeeStandardResponse(
    Guid Id, Guid CommunityId, FeeUse Use, long RateFen, string EffectiveFrom, int StarLevel, DateTimeOffset SetAt, string? BilledMonthReason)
{
    public static FeeStandardResponse From(FeeStandard s) =>
        new(s.Id, s.CommunityId, s.Use, s.RateFen, BillingPeriod.Of(s.EffectiveFrom).ToString(), s.StarLevel, s.SetAt, s.BilledMonthReason);
}

/// <summary>The standard set, and the issued bills it adjusted when it reaches back over billed months.</summary>
public sealed record SetFeeStandardResponse(FeeStandardResponse Standard, int BillsAdjusted, long AdjustedFen);

public sealed record PriceQualityMismatchResponse(
    Guid Id, Guid CommunityId, Guid FeeStandardId, FeeUse Use, long RateFen, int StarLevel, int BandYear, long BandLowestFen, long BandHighestFen,
    DateTimeOffset FlaggedAt);
