export { concatPcm, pcmSamples, REPLY_SAMPLE_RATE, BYTES_PER_SAMPLE } from './pcm';
export { pcmToWav, wavHeader, WAV_HEADER_BYTES } from './wav';
export { resamplePcm16 } from './resample';
