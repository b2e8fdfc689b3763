import jsQR from 'jsqr';
import type { Locator } from 'playwright-core';

/** Pixels per QR module when rasterising: jsQR needs a few per module, more only costs transfer time. */
const PIXELS_PER_MODULE = 8;

/**
 * What a phone's camera reads from a QR code the page shows: the `<svg>` (as qrcode.react renders it) is drawn
 * in the page onto a white canvas, its pixels come back to Node, and jsQR decodes them. Throws when nothing
 * decodes, so a test fails on an unreadable code rather than comparing `undefined`.
 */
export async function decodeQr(svg: Locator): Promise<string> {
  const raster = await svg.evaluate(async (element, pixelsPerModule) => {
    if (!(element instanceof SVGSVGElement)) throw new Error(`not an <svg>: ${element.tagName}`);
    // The viewBox counts modules (margin included); scaling it keeps every module a whole number of pixels.
    const modules = element.viewBox.baseVal.width;
    const side = modules * pixelsPerModule;
    const image = new Image();
    // A data: URL, as the page's CSP allows for images (img-src 'self' data:).
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(element))}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = side;
    canvas.height = side;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas context');
    // The quiet zone must be light even if the SVG leaves its background transparent.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, side, side);
    context.imageSmoothingEnabled = false;
    context.drawImage(image, 0, 0, side, side);
    const { data } = context.getImageData(0, 0, side, side);
    // Base64 rather than a number array: a quarter of the size over the protocol.
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000)
      binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { side, rgba: btoa(binary) };
  }, PIXELS_PER_MODULE);
  const pixels = new Uint8ClampedArray(Buffer.from(raster.rgba, 'base64'));
  const code = jsQR(pixels, raster.side, raster.side, { inversionAttempts: 'dontInvert' });
  if (!code) throw new Error(`no QR code decoded from the ${raster.side}px raster`);
  return code.data;
}
