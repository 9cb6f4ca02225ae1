using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Grpc.Core;
using Platform.Bench.Voting;
using Platform.Contracts.Parking.V1;

namespace Platform.Bench.Parking;

/// <summary>
/// The open loop over gRPC: one long-lived stream per gate, event i due at t0 + i/rate on gate i mod gates whether or
/// not earlier decisions came back. Decisions return in order on their gate's stream, so each is matched to the oldest
/// event waiting on it; latency runs from the event's due time (and from its actual write) to its decision's arrival.
/// </summary>
public sealed class StreamLoop(GateControl.GateControlClient client, Metadata headers, int gates)
{
    private sealed record Pending(int Index, long Due, long Sent);

    public async Task<(Outcome[] Outcomes, GateDecision[] Decisions)> RunAsync(int count, double rate, Func<int, GateEvent> gateEvent)
    {
        var outcomes = new Outcome[count];
        var decisions = new GateDecision[count];
        var calls = Enumerable.Range(0, gates).Select(_ => client.Stream(headers)).ToArray();
        var queues = Enumerable.Range(0, gates).Select(_ => Channel.CreateUnbounded<(int Index, long Due)>(new() { SingleReader = true })).ToArray();
        var waiting = Enumerable.Range(0, gates).Select(_ => new ConcurrentQueue<Pending>()).ToArray();

        var writers = Enumerable.Range(0, gates).Select(g => Task.Run(async () =>
        {
            await foreach (var (index, due) in queues[g].Reader.ReadAllAsync())
            {
                var message = gateEvent(index);
                waiting[g].Enqueue(new Pending(index, due, Stopwatch.GetTimestamp()));
                await calls[g].RequestStream.WriteAsync(message);
            }

            await calls[g].RequestStream.CompleteAsync();
        })).ToArray();
        var readers = Enumerable.Range(0, gates).Select(g => Task.Run(async () =>
        {
            await foreach (var decision in calls[g].ResponseStream.ReadAllAsync())
            {
                var done = Stopwatch.GetTimestamp();
                if (!waiting[g].TryDequeue(out var pending))
                {
                    throw new InvalidOperationException($"gate {g}: a decision with no event waiting for it");
                }

                decisions[pending.Index] = decision;
                outcomes[pending.Index] = new Outcome(pending.Due, pending.Sent, done, decision.Decision == "error" ? 409 : 200, null);
            }
        })).ToArray();

        var start = Stopwatch.GetTimestamp();
        var ticksPerEvent = Stopwatch.Frequency / rate;
        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var due = start + (long)(i * ticksPerEvent);
                while (Stopwatch.GetTimestamp() < due)
                {
                    Thread.Sleep(1);
                }

                queues[i % gates].Writer.TryWrite((i, due));
            }

            foreach (var queue in queues)
            {
                queue.Writer.Complete();
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "stream scheduler" };
        scheduler.Start();
        await Task.Run(scheduler.Join);
        await Task.WhenAll(writers);
        await Task.WhenAll(readers);
        foreach (var call in calls)
        {
            call.Dispose();
        }

        return (outcomes, decisions);
    }
}
