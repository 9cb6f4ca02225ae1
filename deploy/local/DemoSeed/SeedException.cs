namespace Platform.DemoSeed;

/// <summary>The seed cannot go on; the message says what the gateway answered.</summary>
public sealed class SeedException(string message) : Exception(message);
