using Platform.BuildingBlocks.Validation;
using Platform.Parking.Domain.Spaces;

namespace Platform.Parking.Api.Spaces;

public sealed record RegisterSpaceRequest(string? Number, SpaceKind? Kind) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.Required("number", Number, 30).Defined("kind", Kind);
}

/// <summary>Natural Resources' certificate of who owns a space; an owner-owned space names its owner.</summary>
public sealed record CertifyOwnershipRequest(SpaceOwnership? Ownership, string? Certificate, Guid? HolderOwnerId) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Defined("ownership", Ownership).Required("certificate", Certificate, 100);
        if (Ownership == SpaceOwnership.Uncertified)
        {
            errors.Add("ownership", "error.unknown_value");
        }

        if (Ownership == SpaceOwnership.OwnerOwned)
        {
            errors.RequiredId("holderOwnerId", HolderOwnerId);
        }
        else if (HolderOwnerId is not null)
        {
            errors.Add("holderOwnerId", "error.only_for_owner_owned");
        }
    }
}

/// <summary>A sale or lease; <c>OwnerId</c> names the community's owner who takes it, absent for anyone else.</summary>
public sealed record AllocateSpaceRequest(AllocationKind? Kind, Guid? OwnerId, string? HolderName, long? PriceFen, int? Months, DateOnly? StartsOn) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.Defined("kind", Kind).Required("holderName", HolderName, 100).InRange("priceFen", PriceFen, 0L, 100_000_000_00L);
        if (OwnerId == Guid.Empty)
        {
            errors.Add("ownerId", "error.invalid_format");
        }

        if (StartsOn is null)
        {
            errors.Add("startsOn", "error.required");
        }

        if (Kind == AllocationKind.Lease)
        {
            errors.InRange("months", Months, 1, 120);
        }
        else if (Months is not null)
        {
            errors.Add("months", "error.only_for_lease");
        }
    }
}

public sealed record OwnerRequest(Guid? OwnerId) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.RequiredId("ownerId", OwnerId);
}

public sealed record SpaceResponse(
    Guid Id, Guid LotId, Guid CommunityId, string Number, SpaceKind Kind, SpaceOwnership Ownership, string? OwnershipCertificate, SpaceState State,
    Guid? HolderOwnerId, bool OfferedForLease)
{
    public static SpaceResponse From(ParkingSpace s) =>
        new(s.Id, s.LotId, s.CommunityId, s.Number, s.Kind, s.Ownership, s.OwnershipCertificate, s.State, s.HolderOwnerId, s.OfferedForLease);
}

public sealed record AllocationResponse(
    Guid Id, Guid SpaceId, Guid CommunityId, AllocationKind Kind, Guid? HolderOwnerId, string HolderName, long PriceFen, DateOnly StartsOn, DateOnly? EndsOn,
    DateTimeOffset? EndedAt, DateTimeOffset AllocatedAt)
{
    public static AllocationResponse From(SpaceAllocation a) =>
        new(a.Id, a.SpaceId, a.CommunityId, a.Kind, a.HolderOwnerId, a.HolderName, a.PriceFen, a.StartsOn, a.EndsOn, a.EndedAt, a.AllocatedAt);
}

public sealed record WaitingListEntryResponse(Guid Id, Guid OwnerId, DateTimeOffset JoinedAt, int Position);
