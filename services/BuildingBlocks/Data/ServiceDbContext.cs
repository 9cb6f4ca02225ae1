using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// Base of every service's DbContext: carries the outbox, inbox and idempotency tables so a business
/// change, its outgoing events, the fact a message was handled and a request's stored result all
/// commit in the same transaction.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>Queues an integration event; it is published only if the surrounding save commits.</summary>
    public void AddIntegrationEvent<TEvent>(TEvent integrationEvent, DateTimeOffset now) where TEvent : class =>
        OutboxMessages.Add(OutboxMessage.Create(integrationEvent, now));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new IdempotencyRecordConfiguration());
    }
}
