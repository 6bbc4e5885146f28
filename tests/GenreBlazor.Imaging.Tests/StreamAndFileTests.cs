using GenreBlazor.Imaging.Tests.TestImages;

namespace GenreBlazor.Imaging.Tests;

public class StreamAndFileTests
{
    [Fact]
    public async Task An_upload_stream_decodes()
    {
        var jpeg = JpegWriter.Solid(20, 10, 50, 60, 70);

        var image = await ImageDecoder.DecodeAsync(new MemoryStream(jpeg));

        Assert.Equal((20, 10), (image.Width, image.Height));
    }

    [Fact]
    public async Task An_upload_stream_over_the_byte_limit_is_refused_without_reading_it_all()
    {
        var stream = new CountingStream(totalBytes: 10_000_000);

        var error = await Assert.ThrowsAsync<ImageDecodeException>(() => ImageDecoder.ReadLimitedAsync(stream, new ImageLimits(MaxEncodedBytes: 100_000)));

        Assert.Equal(ImageErrorKind.TooLarge, error.Kind);
        Assert.True(stream.Position < 300_000, $"read {stream.Position} bytes");
    }

    [Fact]
    public void A_file_over_the_byte_limit_is_refused()
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, JpegWriter.Solid(20, 10, 50, 60, 70));
        try
        {
            var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeFile(path, new ImageLimits(MaxEncodedBytes: 10)));

            Assert.Equal(ImageErrorKind.TooLarge, error.Kind);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A stream of zeros that counts how much was read.</summary>
    private sealed class CountingStream(long totalBytes) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => totalBytes;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Min(count, totalBytes - position);
            Array.Clear(buffer, offset, read);
            position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
