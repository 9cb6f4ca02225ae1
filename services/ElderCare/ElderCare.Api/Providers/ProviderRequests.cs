using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.ElderCare.Domain.Care;

namespace Platform.ElderCare.Api.Providers;

public sealed record OfferingRequest(CareService? Service, Guid[]? CommunityIds, int? DailyCapacity, long? PriceFen, long[]? SubsidyByLevelFen) : IValidatableRequest
{
    public const int MaxCommunities = 500;
    public const long MaxPriceFen = 10_000_000;

    public void Validate(ValidationErrors errors)
    {
        errors.Defined("service", Service).InRange("dailyCapacity", DailyCapacity, 1, 10_000).InRange("priceFen", PriceFen, 0L, MaxPriceFen);
        if (CommunityIds is null or { Length: 0 })
        {
            errors.Add("communityIds", "error.required");
        }
        else if (CommunityIds.Length > MaxCommunities)
        {
            errors.Add("communityIds", "error.too_many_items", MaxCommunities);
        }
        else if (CommunityIds.Distinct().Count() != CommunityIds.Length)
        {
            errors.Add("communityIds", "error.duplicate");
        }

        if (SubsidyByLevelFen is null || SubsidyByLevelFen.Length != SubsidyTable.Levels)
        {
            errors.Add("subsidyByLevelFen", "error.one_per_level", SubsidyTable.Levels);
        }
        else if (SubsidyByLevelFen.Any(s => s < 0 || s > (PriceFen ?? 0)))
        {
            errors.Add("subsidyByLevelFen", "error.subsidy_over_price");
        }
    }
}

public static class OfferingRules
{
    public static void Validate(ValidationErrors errors, OfferingRequest[]? offerings)
    {
        if (offerings is null or { Length: 0 })
        {
            errors.Add("offerings", "error.required");
            return;
        }

        for (var i = 0; i < offerings.Length; i++)
        {
            if (offerings[i] is not { } offering)
            {
                errors.Add($"offerings[{i}]", "error.required");
                continue;
            }

            var own = new ValidationErrors();
            offering.Validate(own);
            errors.AddRange($"offerings[{i}]", own);
            if (offering.Service is not null && offerings.Take(i).Any(o => o?.Service == offering.Service))
            {
                errors.Add($"offerings[{i}].service", "error.duplicate");
            }
        }
    }
}

/// <summary>Contracts a provider (Civil Affairs): a care firm or a property company, with its menu.</summary>
public sealed record RegisterProviderRequest(Guid? OrganisationId, string? OrganisationType, string? Name, OfferingRequest[]? Offerings) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequiredId("organisationId", OrganisationId).Required("name", Name, 100);
        if (string.IsNullOrWhiteSpace(OrganisationType))
        {
            errors.Add("organisationType", "error.required");
        }
        else if (OrganisationType is not (OrganisationTypes.CareProvider or OrganisationTypes.PropertyCompany))
        {
            errors.Add("organisationType", "error.unknown_value");
        }

        OfferingRules.Validate(errors, Offerings);
    }
}

/// <summary>Replaces a provider's menu; orders already matched keep their charge.</summary>
public sealed record SetOfferingsRequest(OfferingRequest[]? Offerings) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => OfferingRules.Validate(errors, Offerings);
}

public sealed record CatalogueQuery(Guid? CommunityId, CareService? Service) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.RequiredId("communityId", CommunityId);
}

public sealed record OfferingResponse(CareService Service, Guid[] CommunityIds, int DailyCapacity, long PriceFen, long[] SubsidyByLevelFen)
{
    public static OfferingResponse From(CareOffering o) => new(o.Service, o.CommunityIds, o.DailyCapacity, o.PriceFen, o.SubsidyByLevelFen);
}

public sealed record ProviderResponse(
    Guid Id, Guid OrganisationId, string OrganisationType, string Name, decimal? AverageStars, int RatingCount, IReadOnlyList<OfferingResponse> Offerings,
    DateTimeOffset RegisteredAt)
{
    public static ProviderResponse From(CareProvider p) => new(p.Id, p.OrganisationId, p.OrganisationType, p.Name, AverageOf(p.RatingSum, p.RatingCount),
        p.RatingCount, p.Offerings.OrderBy(o => o.Service).Select(OfferingResponse.From).ToList(), p.RegisteredAt);

    public static decimal? AverageOf(long sum, int count) => count == 0 ? null : Math.Round((decimal)sum / count, 2, MidpointRounding.AwayFromZero);
}

/// <summary>One line of a community's menu: who offers what, at what price, with what subsidy per ability level.</summary>
public sealed record CatalogueEntry(
    Guid ProviderId, string ProviderName, CareService Service, long PriceFen, long[] SubsidyByLevelFen, int DailyCapacity, decimal? AverageStars, int RatingCount);
