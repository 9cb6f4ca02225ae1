using System.Collections.Concurrent;
using Platform.Identity.Api.OwnerSignIn;

namespace Platform.Identity.Tests;

/// <summary>The owners' phones, as far as the tests are concerned: every code sent, by phone.</summary>
public sealed class CapturingCodeSender : IOneTimeCodeSender
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _sent = new();

    public IEnumerable<string> AllCodes => _sent.Values.SelectMany(codes => codes);

    public Task SendAsync(string phone, string code, CancellationToken cancellationToken)
    {
        _sent.GetOrAdd(phone, _ => new ConcurrentQueue<string>()).Enqueue(code);
        return Task.CompletedTask;
    }

    public IReadOnlyList<string> SentTo(string phone) => _sent.TryGetValue(phone, out var codes) ? codes.ToList() : [];
}
