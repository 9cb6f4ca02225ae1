using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.BuildingBlocks.Messaging;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(message => message.Id);
        builder.Property(message => message.Sequence).UseIdentityAlwaysColumn();
        builder.Property(message => message.Type).HasMaxLength(300);
        builder.Property(message => message.Payload).HasColumnType("jsonb");
        builder.Property(message => message.TraceParent).HasMaxLength(128);
        builder.Property(message => message.TraceState).HasMaxLength(512);
        builder.Property(message => message.LastError).HasMaxLength(2000);
        // The relay's query: unpublished rows in order.
        builder.HasIndex(message => message.Sequence).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_messages_unpublished");
    }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("inbox_messages");
        builder.HasKey(message => new { message.Consumer, message.MessageId });
        builder.Property(message => message.Consumer).HasMaxLength(200);
    }
}
