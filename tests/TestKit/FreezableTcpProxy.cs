using System.Net;
using System.Net.Sockets;

namespace Platform.TestKit;

/// <summary>
/// A TCP relay on loopback in front of a real server. <see cref="Freeze"/> holds every byte in both directions while
/// connections stay open, as a server stopped with SIGSTOP looks to its clients: it accepts, but never answers. Only the
/// host pointed at the relay sees the freeze; the shared server runs on.
/// </summary>
public sealed class FreezableTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly Task _accepting;
    private TaskCompletionSource _open = Opened();

    public FreezableTcpProxy(string upstreamHost, int upstreamPort)
    {
        (_upstreamHost, _upstreamPort) = (upstreamHost, upstreamPort);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The amqp (or any) URI <paramref name="upstream"/> with its host and port replaced by the relay's.</summary>
    public string Rewrite(string upstream) => new UriBuilder(upstream) { Host = "127.0.0.1", Port = Port }.Uri.ToString();

    public void Freeze()
    {
        lock (_stop)
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Thaw()
    {
        lock (_stop)
        {
            _open.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Thaw();
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(_upstreamHost, _upstreamPort, _stop.Token);
                var up = PumpAsync(client.GetStream(), upstream.GetStream());
                var down = PumpAsync(upstream.GetStream(), client.GetStream());
                await Task.WhenAny(up, down);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
                // One side closed: the other goes with it.
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            // Frozen: what was read waits here, and nothing more is read, until the relay thaws.
            await _open.Task.WaitAsync(_stop.Token);
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }
}
