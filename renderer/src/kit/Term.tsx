import Box from '@mui/material/Box';

/** One term and its value in a definition list (dl). */
export function Term({ term, value }: { term: string; value: string }) {
  return (
    <>
      <Box component="dt" sx={{ fontWeight: 700 }}>
        {term}
      </Box>
      <Box component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap' }}>
        {value}
      </Box>
    </>
  );
}
