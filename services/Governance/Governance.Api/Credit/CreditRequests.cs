using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Governance.Domain.Credit;

namespace Platform.Governance.Api.Credit;

/// <summary>A good or bad record about a company; naming a project manager puts it on their record too.</summary>
public sealed record RecordCompanyCreditRequest(
    CreditKind? Kind, int? Points, string? Reason, DateOnly? RecordedOn, Guid? ProjectManagerId, Guid? CommunityId) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Defined("kind", Kind).Required("reason", Reason, 2000);
        if (RecordedOn is null)
        {
            errors.Add("recordedOn", "error.required");
        }

        var rules = CreditRuleCatalog.Default.For(RecordedOn ?? DateOnly.MaxValue);
        errors.InRange("points", Points, 1, rules.MaxPointsPerRecord);
    }
}

public sealed record RegisterProjectManagerRequest(string? Name, Guid? CommunityId) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.Required("name", Name, 100);
}

/// <summary>Blacklists the company, or only its project manager when one is named, on the days in [from, until).</summary>
public sealed record RecordBlacklistEntryRequest(
    BlacklistReason? Reason, string? Detail, DateOnly? From, DateOnly? Until, Guid? ProjectManagerId) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Defined("reason", Reason).Required("detail", Detail, 2000);
        if (From is null)
        {
            errors.Add("from", "error.required");
        }

        if (Until is null)
        {
            errors.Add("until", "error.required");
        }
        else if (From is { } from && Until <= from)
        {
            errors.Add("until", "error.out_of_range", from.AddDays(1), "∞");
        }
    }
}

public sealed record RecordOwnerCreditRequest(
    Guid? OwnerId, CreditKind? Kind, OwnerCreditCategory? Category, string? Note, DateOnly? RecordedOn) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequiredId("ownerId", OwnerId).Defined("kind", Kind).Defined("category", Category).Required("note", Note, 2000);
        if (RecordedOn is null)
        {
            errors.Add("recordedOn", "error.required");
        }
    }
}
