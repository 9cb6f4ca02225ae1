using System.Text.RegularExpressions;

namespace Platform.Architecture.Tests;

/// <summary>
/// One way to write an event (docs/architecture.md "An event"): outbox rows come from the event record through
/// AddIntegrationEvent or, in set-based SQL, OutboxInsert — never from an INSERT written by hand, whose payload, trace
/// context and ids would drift from what the relay reads.
/// </summary>
public sealed partial class OutboxConventionTests
{
    private static readonly string Messaging = Path.Combine("services", "BuildingBlocks", "Messaging") + Path.DirectorySeparatorChar;

    [Fact]
    public void Only_the_building_blocks_write_outbox_rows_in_SQL()
    {
        var offenders = Repository.SourceFiles("services")
            .Select(path => Path.GetRelativePath(Repository.Root, path))
            .Where(path => !path.StartsWith(Messaging, StringComparison.Ordinal))
            .Where(path => OutboxWrite().IsMatch(File.ReadAllText(Path.Combine(Repository.Root, path))))
            .ToList();

        Assert.True(offenders.Count == 0,
            "Write outbox rows with AddIntegrationEvent or IntegrationEventsPerRow (OutboxInsert):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_finds_a_hand_built_outbox_insert()
    {
        const string HandBuilt = """
            ), events AS (
              INSERT INTO outbox_messages (id, type, payload, occurred_at, attempts)
              SELECT gen_random_uuid(), @event_type, jsonb_build_object('billId', i.id), @now, 0 FROM issued i
            """;

        Assert.Matches(OutboxWrite(), HandBuilt);
        Assert.Matches(OutboxWrite(), "COPY outbox_messages (id, type, payload) FROM STDIN (FORMAT BINARY)");
    }

    [GeneratedRegex(@"\b(INSERT\s+INTO|COPY)\s+""?outbox_messages\b", RegexOptions.IgnoreCase)]
    private static partial Regex OutboxWrite();
}
