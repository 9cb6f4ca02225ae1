using Platform.Contracts.Events;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Which service publishes each integration event: the only one whose broker user may write to the event's exchange
/// (named after it, <see cref="ExchangeName"/>) and the only one whose messages of it consumers accept.
/// </summary>
public static class EventPublishers
{
    private static readonly Dictionary<Type, string> Owners = Owned("governance",
            typeof(CommunityRegistered), typeof(UnitRegistered), typeof(OwnershipTransferred), typeof(PropertyCompanyAssigned),
            typeof(ResolutionPassed), typeof(ResolutionRejected), typeof(BallotsSealed), typeof(CommunityStarLevelRated),
            typeof(OwnersCommitteeElected), typeof(PropertyCompanyBlacklisted))
        .Concat(Owned("fees",
            typeof(BillIssued), typeof(PaymentRecorded), typeof(PublicIncomeRecorded), typeof(PublicIncomeTransferredToFund),
            typeof(BillAdjusted), typeof(DisclosurePublished), typeof(PriceQualityMismatchFlagged)))
        .Concat(Owned("funds",
            typeof(FundLedgerOpened), typeof(DepositRecorded), typeof(TopUpDemanded), typeof(RepairProjectApproved),
            typeof(DisbursementMade), typeof(MisuseFlagged), typeof(FundDisclosurePublished)))
        .Concat(Owned("parking",
            typeof(ParkingRevenueRecorded), typeof(SpaceAllocated), typeof(LeaseStarted), typeof(LeaseEnded),
            typeof(ParkingViolationReported), typeof(ParkingViolationEscalated)))
        .Concat(Owned("eldercare", typeof(CareOrderPlaced), typeof(CareOrderMatched), typeof(CareVisitCompleted), typeof(CareOrderEscalated)))
        .Concat(Owned("identity", typeof(ClientRegistered), typeof(ClientRevoked), typeof(ClientScopesChanged), typeof(ClientSecretRotated)))
        .ToDictionary();

    public static IReadOnlyDictionary<Type, string> All => Owners;

    /// <summary>The publishing service of a contract event, or null for a type that is not one.</summary>
    public static string? Of(Type eventType) => Owners.GetValueOrDefault(eventType);

    /// <summary>
    /// The event's exchange: MassTransit's name prefixed with its publisher ("governance.Platform.Contracts.Events:UnitRegistered"),
    /// so a broker user's write permission is one pattern per service (deploy/local/infra.sh, docs/deploy.md).
    /// </summary>
    public static string ExchangeName(Type eventType, string massTransitName) =>
        Of(eventType) is { } owner ? $"{owner}.{massTransitName}" : massTransitName;

    /// <summary>
    /// The broker user a service publishes as: "Messaging:Publishers:&lt;service&gt;" (tests and renamed deployments), else the
    /// service's own name (the user infra.sh and the chart create for it).
    /// </summary>
    public static string BrokerUser(Microsoft.Extensions.Configuration.IConfiguration configuration, string service) =>
        configuration[$"Messaging:Publishers:{service}"] is { Length: > 0 } user ? user : service;

    private static IEnumerable<KeyValuePair<Type, string>> Owned(string service, params Type[] events) =>
        events.Select(type => KeyValuePair.Create(type, service));
}
