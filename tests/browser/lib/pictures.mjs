// Pictures for upload tests, drawn by the browser itself (no files in the repository).

/** A PNG drawn by the page's canvas (a coloured gradient with a shape), as bytes. */
export async function drawnPicture(page, width, height, hue) {
  const base64 = await page.evaluate(
    async ({ width, height, hue }) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext('2d');
      const grad = g.createLinearGradient(0, 0, width, height);
      grad.addColorStop(0, `hsl(${hue} 70% 40%)`);
      grad.addColorStop(1, `hsl(${hue + 60} 70% 70%)`);
      g.fillStyle = grad;
      g.fillRect(0, 0, width, height);
      g.fillStyle = '#fff';
      g.beginPath();
      g.arc(width / 2, height / 2, Math.min(width, height) / 4, 0, Math.PI * 2);
      g.fill();
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    },
    { width, height, hue },
  );
  return Buffer.from(base64, 'base64');
}
