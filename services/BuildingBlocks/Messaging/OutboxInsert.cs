using System.Buffers.Binary;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// The outbox rows of a set-based statement: one <typeparamref name="TEvent"/> per row of a SQL source, inserted by the
/// same statement, as <see cref="OutboxMessage.Create"/> would make them one by one. The payload is the relay's
/// serialization of <c>shared</c> (the values every row has, and the JSON names, enum and date forms of
/// <see cref="EventJson.Options"/>) with the per-row properties laid over it from SQL expressions, under the names the
/// serializer gives them; the rows carry the trace context of the current activity and UUID v7 ids stamped with
/// <c>now</c>. Per-row values must be JSON-native in PostgreSQL (uuid, text, integers, booleans); anything else goes
/// in <c>shared</c>.
/// </summary>
/// <example>
/// <code>
/// var events = db.IntegrationEventsPerRow(new BillIssued(default, default, communityId, period, default, 0, now), now)
///     .PerRow(e => e.BillId, "i.id").PerRow(e => e.AmountFen, "i.amount_fen");
/// // WITH issued AS (INSERT ... RETURNING ...), events AS ({events.InsertFrom("issued i")}) SELECT ...
/// // with parameters [.. yours, .. events.Parameters]
/// </code>
/// </example>
public sealed class OutboxInsert<TEvent> where TEvent : class
{
    private readonly IEntityType _outbox;
    private readonly string _shared;
    private readonly DateTimeOffset _now;
    private readonly (string? Parent, string? State) _trace = OutboxMessage.CurrentTrace();
    private readonly List<(string JsonName, string Sql)> _perRow = [];

    internal OutboxInsert(DbContext db, TEvent shared, DateTimeOffset now)
    {
        _outbox = db.Model.FindEntityType(typeof(OutboxMessage))
            ?? throw new InvalidOperationException($"{db.GetType().Name} has no outbox table.");
        _shared = JsonSerializer.Serialize(shared, EventJson.Options);
        _now = now;
    }

    /// <summary>Takes <paramref name="property"/> of each row's event from <paramref name="sql"/>, over the source's columns.</summary>
    public OutboxInsert<TEvent> PerRow<TValue>(Expression<Func<TEvent, TValue>> property, string sql)
    {
        var member = (property.Body as MemberExpression)?.Member
            ?? throw new ArgumentException($"Name a property of {typeof(TEvent).Name}, as in e => e.Id.", nameof(property));
        // The serializer's own contract names the JSON property, so the name cannot drift from what the relay reads.
        var json = EventJson.Options.GetTypeInfo(typeof(TEvent)).Properties
            .SingleOrDefault(p => p.AttributeProvider is MemberInfo m && m.Name == member.Name)
            ?? throw new ArgumentException($"{typeof(TEvent).Name}.{member.Name} is not in the event's JSON.", nameof(property));
        _perRow.Add((json.Name, sql));
        return this;
    }

    /// <summary>The <c>INSERT INTO outbox_messages ... SELECT ... FROM <paramref name="source"/></c>, one row per source row.</summary>
    public string InsertFrom(string source)
    {
        var perRow = string.Join(", ", _perRow.Select(c => $"'{c.JsonName.Replace("'", "''", StringComparison.Ordinal)}', {c.Sql}"));
        var payload = _perRow.Count == 0 ? "@outbox_shared" : $"@outbox_shared || jsonb_build_object({perRow})";
        return $"""
            INSERT INTO {_outbox.GetTableName()} ({Column(nameof(OutboxMessage.Id))}, {Column(nameof(OutboxMessage.Type))},
              {Column(nameof(OutboxMessage.Payload))}, {Column(nameof(OutboxMessage.OccurredAt))}, {Column(nameof(OutboxMessage.Attempts))},
              {Column(nameof(OutboxMessage.TraceParent))}, {Column(nameof(OutboxMessage.TraceState))})
            SELECT {Version7Id}, @outbox_type, {payload}, @outbox_occurred_at, 0, @outbox_trace_parent, @outbox_trace_state
            FROM {source}
            """;
    }

    /// <summary>The parameters <see cref="InsertFrom"/> uses; add them to the statement's own.</summary>
    public IReadOnlyList<NpgsqlParameter> Parameters =>
    [
        new("outbox_type", NpgsqlDbType.Varchar) { Value = typeof(TEvent).FullName! },
        new("outbox_shared", NpgsqlDbType.Jsonb) { Value = _shared },
        new("outbox_occurred_at", NpgsqlDbType.TimestampTz) { Value = _now.ToUniversalTime() },
        new("outbox_id_time", NpgsqlDbType.Bytea) { Value = UnixMillisecondsBigEndian(_now) },
        new("outbox_trace_parent", NpgsqlDbType.Varchar) { Value = (object?)_trace.Parent ?? DBNull.Value },
        new("outbox_trace_state", NpgsqlDbType.Varchar) { Value = (object?)_trace.State ?? DBNull.Value },
    ];

    /// <summary>
    /// RFC 9562 version 7, as Guid.CreateVersion7(now): the 48-bit millisecond time, then random bits (a v4's, whose variant
    /// stands) with the version nibble turned from 4 (0100) to 7 (0111) by setting bits 4 and 5 of byte 6.
    /// </summary>
    private const string Version7Id =
        "encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING @outbox_id_time FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid";

    private string Column(string property) =>
        _outbox.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(_outbox.GetTableName()!, _outbox.GetSchema()))!;

    private static byte[] UnixMillisecondsBigEndian(DateTimeOffset now)
    {
        Span<byte> milliseconds = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(milliseconds, now.ToUnixTimeMilliseconds());
        return milliseconds[2..].ToArray();
    }
}
