using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Auditing;
using Platform.BuildingBlocks.Checkpoints;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// Base of every service's DbContext: carries the outbox, inbox and idempotency tables so a business
/// change, its outgoing events, the fact a message was handled and a request's stored result all
/// commit in the same transaction.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options, CallerAccess access, HashChain chain) : DbContext(options)
{
    /// <summary>
    /// Makes and checks the links of the service's hash chains (the audit trail, its ledgers), under keys the database does not hold.
    /// </summary>
    public HashChain Chain { get; } = chain;

    /// <summary>Who is asking: the query filters of each service limit what they see (object-level access, in one place).</summary>
    public CallerAccess Access { get; } = access;

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ChainCheckpoint> ChainCheckpoints => Set<ChainCheckpoint>();

    public DbSet<ChainCheckpointHead> ChainCheckpointHeads => Set<ChainCheckpointHead>();

    /// <summary>Append-only tables whose rows are sealed by one later update (ballots); the runtime role keeps UPDATE on them.</summary>
    public virtual IReadOnlySet<string> SealedOnceTables => EmptySet;

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();

    /// <summary>Queues an integration event; it is published only if the surrounding save commits.</summary>
    public void AddIntegrationEvent(object integrationEvent, DateTimeOffset now) =>
        OutboxMessages.Add(OutboxMessage.Create(integrationEvent, now));

    /// <summary>The events an entity's transitions recorded, each named by its own type.</summary>
    public void AddIntegrationEvents(IEnumerable<object> integrationEvents, DateTimeOffset now)
    {
        foreach (var integrationEvent in integrationEvents)
        {
            AddIntegrationEvent(integrationEvent, now);
        }
    }

    /// <summary>
    /// The same events from a set-based statement: one outbox row per row of a SQL source, with the values every row
    /// shares in <paramref name="shared"/> and the rest from columns (<see cref="OutboxInsert{TEvent}"/>).
    /// </summary>
    public OutboxInsert<TEvent> IntegrationEventsPerRow<TEvent>(TEvent shared, DateTimeOffset now) where TEvent : class =>
        new(this, shared, now);

    /// <summary>Units an owner owns now, with their communities; by default from the registry read model.</summary>
    public virtual async Task<IReadOnlyList<(Guid UnitId, Guid CommunityId)>> OwnerHoldingsAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        if (Model.FindEntityType(typeof(RegistryUnitOwner)) is null)
        {
            return [];
        }

        var holdings = await Set<RegistryUnitOwner>().IgnoreQueryFilters().AsNoTracking()
            .Where(owner => owner.OwnerId == ownerId)
            .Select(owner => new { owner.UnitId, owner.CommunityId })
            .ToListAsync(cancellationToken);
        return holdings.Select(h => (h.UnitId, h.CommunityId)).ToList();
    }

    /// <summary>
    /// Adds the registry read model with its access filters: departments see every community; a
    /// township or property company its own; an owner their communities, and only their own units.
    /// </summary>
    protected void ApplyRegistryReadModel(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyRegistryReadModelTables();
        modelBuilder.Entity<RegistryCommunity>().HasQueryFilter(c =>
            Access.IsCountyWide
            // Guarded: in a query null == null is true, and a community without a company must not open to every non-company caller.
            || (Access.TownshipId != null && c.TownshipId == Access.TownshipId)
            || (Access.PropertyCompanyId != null && c.PropertyCompanyId == Access.PropertyCompanyId)
            || Access.OwnedCommunityIds.Contains(c.Id));
        modelBuilder.Entity<RegistryUnit>().HasQueryFilter(u =>
            Access.IsCountyWide
            || (!Access.IsOwner && Set<RegistryCommunity>().Any(c => c.Id == u.CommunityId))
            || Access.OwnedUnitIds.Contains(u.Id));
        modelBuilder.Entity<RegistryUnitOwner>().HasQueryFilter(o =>
            Access.IsCountyWide
            || (!Access.IsOwner && Set<RegistryCommunity>().Any(c => c.Id == o.CommunityId))
            || (Access.OwnerId != null && o.OwnerId == Access.OwnerId));
    }

    /// <summary>Every instant is stored in UTC whatever offset it came with (design.md "Data conventions").</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new IdempotencyRecordConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        modelBuilder.ApplyConfiguration(new ChainCheckpointConfiguration());
        modelBuilder.ApplyConfiguration(new ChainCheckpointHeadConfiguration());
    }
}
