/** A predicted view against the true photo: SSIM, PSNR and image-tower cosine. */
package com.ivpstudio.inference.comparison;
