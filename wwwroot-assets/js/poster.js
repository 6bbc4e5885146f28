// Posters are decoded and resized in the browser: only the model-size RGB pixels travel over the circuit.
window.genreBlazor = window.genreBlazor || {};
window.genreBlazor.poster = (() => {
    const states = new WeakMap();
    const targetShortSide = 224;   // the model's input size; the server cuts its crops from this
    const maxLongSide = 224 * 3;

    function fail(state, message) {
        state.dotnet.invokeMethodAsync('PosterFailed', message);
    }

    async function load(state, file) {
        if (!file) {
            return;
        }
        if (file.size === 0) {
            return fail(state, `${file.name} is empty (0 bytes).`);
        }
        if (file.size > state.maxBytes) {
            const mb = (file.size / 1048576).toFixed(1);
            return fail(state, `${file.name} is ${mb} MB; the limit is ${(state.maxBytes / 1048576).toFixed(0)} MB.`);
        }
        // Read the size first (the header is enough), so a decompression bomb is refused before it is decoded.
        const url = URL.createObjectURL(file);
        let size;
        try {
            size = await new Promise((resolve, reject) => {
                const probe = new Image();
                probe.onload = () => resolve({ width: probe.naturalWidth, height: probe.naturalHeight });
                probe.onerror = reject;
                probe.src = url;
            });
        } catch {
            URL.revokeObjectURL(url);
            return fail(state, `${file.name} is not an image this browser can read (JPEG, PNG, WebP, GIF…).`);
        }
        if (size.width < 8 || size.height < 8) {
            URL.revokeObjectURL(url);
            return fail(state, `${file.name} is ${size.width}×${size.height} pixels: too small to be a poster.`);
        }
        if (size.width * size.height > state.maxPixels) {
            URL.revokeObjectURL(url);
            return fail(state, `${file.name} is ${size.width}×${size.height} pixels; the limit is ${(state.maxPixels / 1e6).toFixed(0)} megapixels.`);
        }
        let scale = targetShortSide / Math.min(size.width, size.height);
        scale = Math.min(scale, maxLongSide / Math.max(size.width, size.height));
        const width = Math.max(1, Math.round(size.width * scale));
        const height = Math.max(1, Math.round(size.height * scale));
        let bitmap;
        try {
            // decoded straight to the model's size: a large photo never sits in memory at full size
            bitmap = await createImageBitmap(file, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
        } catch {
            URL.revokeObjectURL(url);
            return fail(state, `${file.name} could not be decoded (damaged or cut short?).`);
        }
        try {
            const canvas = document.createElement('canvas');
            canvas.width = width;
            canvas.height = height;
            const context = canvas.getContext('2d', { willReadFrequently: true });
            context.fillStyle = '#ffffff'; // transparency reads as white, as on the server
            context.fillRect(0, 0, width, height);
            context.imageSmoothingQuality = 'high';
            context.drawImage(bitmap, 0, 0, width, height);
            const rgba = context.getImageData(0, 0, width, height).data;
            const rgb = new Uint8Array(width * height * 3);
            for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
                rgb[j] = rgba[i];
                rgb[j + 1] = rgba[i + 1];
                rgb[j + 2] = rgba[i + 2];
            }
            state.pixels = rgb;
            if (state.previewUrl) {
                URL.revokeObjectURL(state.previewUrl);
            }
            state.previewUrl = url;
            state.preview.src = state.previewUrl;
            state.preview.alt = `Poster: ${file.name}`;
            await state.dotnet.invokeMethodAsync('PosterReady', { name: file.name, width, height, originalWidth: size.width, originalHeight: size.height, bytes: file.size });
        } finally {
            bitmap.close();
        }
    }

    return {
        attach(dropZone, input, preview, dotnet, maxBytes, maxPixels) {
            const state = { dotnet, preview, input, maxBytes, maxPixels, pixels: null, previewUrl: null };
            states.set(dropZone, state);
            input.addEventListener('change', () => load(state, input.files[0]));
            dropZone.addEventListener('dragover', e => { e.preventDefault(); dropZone.classList.add('dragging'); });
            dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
            dropZone.addEventListener('drop', e => {
                e.preventDefault();
                dropZone.classList.remove('dragging');
                load(state, e.dataTransfer.files[0]);
            });
        },
        pixels(dropZone) {
            const state = states.get(dropZone);
            return state && state.pixels ? state.pixels : null;
        },
        clear(dropZone) {
            const state = states.get(dropZone);
            if (!state) {
                return;
            }
            state.pixels = null;
            state.input.value = '';
            if (state.previewUrl) {
                URL.revokeObjectURL(state.previewUrl);
                state.previewUrl = null;
            }
            state.preview.removeAttribute('src');
        },
    };
})();
