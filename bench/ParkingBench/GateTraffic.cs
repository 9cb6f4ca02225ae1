namespace Platform.Bench.Parking;

/// <summary>One gate event to send: a plate entering (some time ago, so some visitors pay) or leaving now.</summary>
public sealed record PlannedEvent(string Plate, bool Entry, TimeSpan EnteredAgo);

/// <summary>
/// A gate's traffic: vehicles enter, and once enough are inside the oldest leave about as often as new ones come, so
/// every exit follows its entry by at least <c>minInside</c> events (well after the entry's answer at the rate tested).
/// Plates are made from a prefix and a counter, unique per run and phase; a third of visitors stay long enough to pay.
/// </summary>
public static class GateTraffic
{
    private const string Characters = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

    /// <summary>The office letters a gate's plates use, one per gate of a lot ("W" is the REST warm-up's; I and O are never used).</summary>
    public const string Series = "ABCDEFGHJKLMNPQRSTUVXYZ";

    public static List<PlannedEvent> Plan(int count, char series, int minInside, int seed)
    {
        var random = new Random(seed);
        var inside = new Queue<string>();
        var events = new List<PlannedEvent>(count);
        var next = 0;
        while (events.Count < count)
        {
            if (inside.Count >= minInside && random.Next(2) == 0)
            {
                events.Add(new PlannedEvent(inside.Dequeue(), false, TimeSpan.Zero));
                continue;
            }

            var plate = Plate(series, next++);
            inside.Enqueue(plate);
            events.Add(new PlannedEvent(plate, true, random.Next(3) == 0 ? TimeSpan.FromMinutes(random.Next(20, 180)) : TimeSpan.FromMinutes(1)));
        }

        return events;
    }

    /// <summary>"川" + a series letter + five characters of <paramref name="n"/> in base 34 (I and O are never used on plates).</summary>
    public static string Plate(char series, int n)
    {
        var tail = new char[5];
        for (var i = 4; i >= 0; i--)
        {
            tail[i] = Characters[n % Characters.Length];
            n /= Characters.Length;
        }

        return $"川{series}{new string(tail)}";
    }
}
