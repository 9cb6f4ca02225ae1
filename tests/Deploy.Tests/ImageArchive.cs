using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace Platform.Deploy.Tests;

/// <summary>An OCI image archive as `dotnet publish -t:PublishContainer` writes it: index, manifest, config, layers.</summary>
public sealed class ImageArchive
{
    private readonly Dictionary<string, byte[]> _blobs;

    private ImageArchive(Dictionary<string, byte[]> blobs, JsonElement config, IReadOnlyList<string> layerDigests)
    {
        _blobs = blobs;
        Config = config;
        LayerDigests = layerDigests;
    }

    /// <summary>The image configuration's "config" object: User, Entrypoint, ExposedPorts, Env, Labels, WorkingDir.</summary>
    public JsonElement Config { get; }

    public IReadOnlyList<string> LayerDigests { get; }

    public static ImageArchive Open(string path)
    {
        var files = new Dictionary<string, byte[]>();
        using (var reader = new TarReader(File.OpenRead(path)))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.DataStream is null)
                {
                    continue;
                }

                using var content = new MemoryStream();
                entry.DataStream.CopyTo(content);
                files[entry.Name.TrimStart('.', '/')] = content.ToArray();
            }
        }

        var index = JsonDocument.Parse(files["index.json"]).RootElement;
        var manifestDigest = index.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        var manifest = JsonDocument.Parse(files[BlobPath(manifestDigest)]).RootElement;
        var config = JsonDocument.Parse(files[BlobPath(manifest.GetProperty("config").GetProperty("digest").GetString()!)]).RootElement;
        var layers = manifest.GetProperty("layers").EnumerateArray().Select(layer => layer.GetProperty("digest").GetString()!).ToList();
        return new ImageArchive(files, config.GetProperty("config").Clone(), layers);
    }

    /// <summary>Every path in the image's root filesystem (the union of its layers), without a leading "./".</summary>
    public ISet<string> Paths()
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var digest in LayerDigests)
        {
            using var reader = new TarReader(new GZipStream(new MemoryStream(_blobs[BlobPath(digest)]), CompressionMode.Decompress));
            while (reader.GetNextEntry() is { } entry)
            {
                paths.Add(entry.Name.TrimStart('.').TrimStart('/').TrimEnd('/'));
            }
        }

        return paths;
    }

    /// <summary>Unpacks the layers in order into a folder, with owners and modes (tar as root).</summary>
    public void UnpackTo(string rootfs)
    {
        Directory.CreateDirectory(rootfs);
        foreach (var digest in LayerDigests)
        {
            var layer = Path.Combine(Path.GetTempPath(), $"layer-{Guid.NewGuid():N}.tar.gz");
            File.WriteAllBytes(layer, _blobs[BlobPath(digest)]);
            try
            {
                Command.Run("tar", ["--numeric-owner", "-xzf", layer, "-C", rootfs], TimeSpan.FromMinutes(2)).Succeeded("tar");
            }
            finally
            {
                File.Delete(layer);
            }
        }
    }

    public IReadOnlyList<string> Strings(string property) =>
        Config.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(item => item.GetString()!).ToList()
            : [];

    private static string BlobPath(string digest) => "blobs/" + digest.Replace(':', '/');
}
