using System.Diagnostics;

namespace Platform.Bench.Voting;

/// <summary>One request of a run: when it was due, when it left, when its answer was read, what came back.</summary>
public readonly record struct Outcome(long Scheduled, long Sent, long Done, int Status, Guid? BallotId)
{
    /// <summary>Status of a request that got no answer within the timeout.</summary>
    public const int TimedOut = 0;

    /// <summary>Status of a request whose connection failed.</summary>
    public const int ConnectionFailed = -1;

    /// <summary>Status of a request not sent because too many were already waiting (the client's cap); it counts as failed.</summary>
    public const int Shed = -2;

    public bool Answered => Status != Shed;

    public TimeSpan FromScheduled => Stopwatch.GetElapsedTime(Scheduled, Done);

    public TimeSpan FromSent => Stopwatch.GetElapsedTime(Sent, Done);
}

/// <summary>
/// Sends request i at t0 + i/rate whether or not earlier ones have answered (open loop), so a slow server faces the
/// same arrivals a real crowd would bring, and its slowness shows in the latency measured from the scheduled time
/// instead of quietly lowering the rate (coordinated omission).
/// </summary>
public sealed class OpenLoop(HttpClient client, TimeSpan timeout, int maxInFlight)
{
    // Every request in flight holds four sockets in this one process (client, gateway in and out, service); past the cap
    // a request is shed and counted, rather than the process running out of descriptors.
    private int _inFlight;

    public async Task<Outcome[]> RunAsync(int count, double rate, Func<int, HttpRequestMessage> request, Func<HttpResponseMessage, Task<Guid?>> receipt)
    {
        var outcomes = new Outcome[count];
        var inFlight = new Task[count];
        var start = Stopwatch.GetTimestamp();
        var ticksPerRequest = Stopwatch.Frequency / rate;
        // A dedicated thread keeps time even when the thread pool is busy with the responses.
        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var due = start + (long)(i * ticksPerRequest);
                WaitUntil(due);
                inFlight[i] = SendAsync(i, due, request, receipt, outcomes);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "open-loop scheduler" };
        scheduler.Start();
        await Task.Run(scheduler.Join);
        await Task.WhenAll(inFlight);
        return outcomes;
    }

    private async Task SendAsync(int index, long due, Func<int, HttpRequestMessage> request, Func<HttpResponseMessage, Task<Guid?>> receipt, Outcome[] outcomes)
    {
        // Leave the scheduler thread at once: request building and sending run on the pool.
        await Task.Yield();
        if (Interlocked.Increment(ref _inFlight) > maxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            outcomes[index] = new Outcome(due, due, due, Outcome.Shed, null);
            return;
        }

        using var message = request(index);
        using var cancellation = new CancellationTokenSource(timeout);
        var sent = Stopwatch.GetTimestamp();
        int status;
        Guid? ballotId = null;
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellation.Token);
            status = (int)response.StatusCode;
            ballotId = await receipt(response);
        }
        catch (OperationCanceledException)
        {
            status = Outcome.TimedOut;
        }
        catch (HttpRequestException)
        {
            status = Outcome.ConnectionFailed;
        }

        outcomes[index] = new Outcome(due, sent, Stopwatch.GetTimestamp(), status, ballotId);
        Interlocked.Decrement(ref _inFlight);
    }

    private static void WaitUntil(long due)
    {
        // About 1 ms granularity, which the scheduled latency includes; spinning would take a core from the servers.
        while (Stopwatch.GetTimestamp() < due)
        {
            Thread.Sleep(1);
        }
    }
}
