namespace Platform.Architecture.Tests;

/// <summary>The checkout the tests run from, and its hand-written C# sources.</summary>
internal static class Repository
{
    public static readonly string Root = FindRoot();

    /// <summary>Every .cs file under the given top-level folders, without build output and generated migrations.</summary>
    public static IEnumerable<string> SourceFiles(params string[] folders) =>
        folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin" or "Migrations"));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the test's folder.");
    }
}
